package io.github.guesttools.hgfs.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.hgfs.server.TestClient;
import io.github.guesttools.hgfs.spi.FileAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory downloads and uploads through the HGFS server, as govc drives them. */
class ArchiveTransferTest {
    @TempDir
    Path tmp;

    Path source;
    TestClient client;

    @BeforeEach
    void setUp() throws Exception {
        source = Files.createDirectory(tmp.resolve("source"));
        Trees.populate(source);
        client = new TestClient(
                HgfsServer.builder().handler("archive", new ArchiveHandler()).build());
        client.createSession();
    }

    static byte[] withoutTrailer(byte[] data) {
        assertThat(Arrays.copyOfRange(data, data.length - 3, data.length)).isEqualTo(ArchiveHandler.TRAILER);
        return Arrays.copyOf(data, data.length - 3);
    }

    @Test
    void directoryPathDownloadsAsTarWithTrailerAndStatsAsAnEndlessFile() throws Exception {
        AttrV2 a = client.ok(client.getattr(source.toString()), HgfsMessage.GetattrV2Reply.class)
                .attr();
        assertThat(a.type()).isEqualTo(AttrV2.TYPE_REGULAR);
        assertThat(a.size()).isEqualTo(FileAttributes.UNKNOWN_SIZE);
        assertThat(a.ownerPerms()).isEqualTo(6);

        Path file = tmp.resolve("d.tar");
        Files.write(file, withoutTrailer(client.download(source.toString())));
        Path out = Files.createDirectory(tmp.resolve("out"));
        Trees.run(out, "tar", "-xpf", file.toString());
        Trees.assertSameTree(source, out);
    }

    @Test
    void archiveSchemeWithFormatAndEncodedPrefix() throws Exception {
        Path file = tmp.resolve("d.tgz");
        Files.write(
                file, withoutTrailer(client.download("/archive:" + source + "?format=tgz&prefix=top%2F&skip=stuff")));
        Path out = Files.createDirectory(tmp.resolve("out"));
        Trees.run(out, "bsdtar", "-xpf", file.toString());
        Trees.assertSameTree(source, out.resolve("top"));
    }

    @Test
    void unknownFormatIsInvalidParameter() {
        assertThat(TestClient.status(client.open("/archive:" + source + "?format=zip", 0)))
                .isEqualTo(HgfsStatus.INVALID_PARAMETER);
    }

    @Test
    void closingADownloadEarlyStopsTheProducer() {
        for (int i = 0; i < 30; i++) {
            long handle = client.openRead(source.toString());
            assertThat(client.readData(handle, 0, 0xF000)).hasSize(0xF000);
            assertThat(TestClient.status(client.close(handle))).isEqualTo(HgfsStatus.SUCCESS);
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("hgfs-archive-") && t.isAlive())
                        .count())
                .isLessThanOrEqualTo(30); // finished or finishing: none blocks forever on the pipe
    }

    @Test
    void uploadOfAGnuTarTgzThroughTheServerAndOfOurOwnDownload() throws Exception {
        Path tgz = tmp.resolve("gnu.tgz");
        Trees.run(source, "tar", "-czf", tgz.toString(), ".");
        Path target = tmp.resolve("uploaded");
        assertThat(client.upload("/archive:" + target, Files.readAllBytes(tgz))).containsOnly(HgfsStatus.SUCCESS);
        Trees.assertSameTree(source, target);

        // a download, trailer included, uploaded again onto an existing directory
        Path again = Files.createDirectory(tmp.resolve("again"));
        assertThat(client.upload(again.toString(), client.download("/archive:" + source + "?format=tgz")))
                .containsOnly(HgfsStatus.SUCCESS);
        Trees.assertSameTree(source, again);
    }

    @Test
    void uploadOfPlainDataOntoADirectoryFails() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        assertThat(client.upload(dir.toString(), "just text, not a tar".getBytes()))
                .contains(HgfsStatus.INVALID_PARAMETER);
    }
}
