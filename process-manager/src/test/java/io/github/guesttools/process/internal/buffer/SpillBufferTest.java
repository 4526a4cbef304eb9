package io.github.guesttools.process.internal.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillBufferTest {
    @TempDir
    Path dir;

    private static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void staysOnTheHeapBelowTheThreshold() throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(dir, 100, 1000)) {
            buffer.write(pattern(100, 1), 0, 100);
            assertThat(buffer.isSpilled()).isFalse();
            assertThat(dir).isEmptyDirectory();
            byte[] out = new byte[10];
            assertThat(buffer.read(95, out, 0, 10)).isEqualTo(5);
            assertThat(Arrays.copyOf(out, 5)).isEqualTo(Arrays.copyOfRange(pattern(100, 1), 95, 100));
            assertThat(buffer.read(100, out, 0, 10)).isZero(); // not finished: nothing yet
            buffer.finish();
            assertThat(buffer.read(100, out, 0, 10)).isEqualTo(-1);
        }
    }

    @Test
    void spillsToAPrivateFileAndReadsAtAnyPosition() throws Exception {
        byte[] first = pattern(150, 2);
        byte[] second = pattern(300, 3);
        SpillBuffer buffer = new SpillBuffer(dir, 200, 10_000);
        buffer.write(first, 0, first.length);
        buffer.write(second, 0, second.length);
        assertThat(buffer.isSpilled()).isTrue();
        Path file = buffer.spillFile();
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        byte[] all = new byte[450];
        assertThat(buffer.read(0, all, 0, 450)).isEqualTo(450);
        assertThat(Arrays.copyOf(all, 150)).isEqualTo(first);
        assertThat(Arrays.copyOfRange(all, 150, 450)).isEqualTo(second);
        byte[] middle = new byte[20];
        assertThat(buffer.read(140, middle, 5, 15)).isEqualTo(15);
        assertThat(Arrays.copyOfRange(middle, 5, 20)).isEqualTo(Arrays.copyOfRange(all, 140, 155));
        buffer.close();
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> buffer.read(0, all, 0, 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> buffer.write(first, 0, 1)).isInstanceOf(IOException.class);
    }

    @Test
    void dropsBytesPastTheSizeLimit() throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(dir, 4, 10)) {
            buffer.write(pattern(8, 4), 0, 8);
            buffer.write(pattern(8, 5), 0, 8);
            assertThat(buffer.size()).isEqualTo(10);
            assertThat(buffer.isTruncated()).isTrue();
            assertThat(Files.size(buffer.spillFile())).isEqualTo(10);
            buffer.write(pattern(3, 6), 0, 3);
            assertThat(buffer.size()).isEqualTo(10);
        }
    }

    @Test
    void writesAfterFinishFail() throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(dir, 4, 10)) {
            buffer.finish();
            assertThatThrownBy(() -> buffer.write(new byte[1], 0, 1)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> buffer.write(new byte[1], 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void streamFollowsTheWriterUntilFinish() throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(dir, 64, 1 << 20)) {
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = buffer.newInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] data = pattern(10_000, 7);
            for (int i = 0; i < data.length; i += 1000) {
                buffer.write(data, i, 1000);
            }
            assertThat(reader).isNotDone();
            buffer.finish();
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(data);
            assertThat(buffer.awaitFinished(Duration.ZERO)).isTrue();
        }
    }

    @Test
    void blockedReaderIsReleasedByInterruptAndByClose() throws Exception {
        SpillBuffer buffer = new SpillBuffer(dir, 64, 1024);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = blockedReader(buffer, failure);
        reader.interrupt();
        reader.join(60_000);
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);

        Thread second = blockedReader(buffer, failure);
        buffer.close();
        second.join(60_000);
        assertThat(failure.get()).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private static Thread blockedReader(SpillBuffer buffer, AtomicReference<Throwable> failure) {
        failure.set(null);
        Thread reader = new Thread(() -> {
            try {
                buffer.newInputStream().read();
            } catch (IOException e) {
                failure.set(e);
            }
        });
        reader.start();
        return reader;
    }

    @Test
    void awaitFinishedTimesOut() throws Exception {
        try (SpillBuffer buffer = new SpillBuffer(dir, 64, 1024)) {
            assertThat(buffer.awaitFinished(Duration.ofMillis(1))).isFalse();
        }
    }
}
