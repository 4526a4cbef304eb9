package io.github.guesttools.toolbox.guestops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import io.github.guesttools.toolbox.vix.VixReplyEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProcessListPagesTest {
    private static final Pattern FIRST =
            Pattern.compile("^<key>(\\d+)</key><totalSize>(\\d+)</totalSize><leftToSend>(\\d+)</leftToSend>");
    private static final Pattern NEXT = Pattern.compile("^<leftToSend>(\\d+)</leftToSend>");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final ProcessListPages pages = new ProcessListPages(clock, ProcessListPages.MAX_RESULT);

    private static String bigList() {
        StringBuilder xml = new StringBuilder();
        for (int pid = 1; xml.length() < 200_000; pid++) {
            xml.append("<proc><cmd>sleep</cmd><name>/bin/sleep ")
                    .append(pid)
                    .append(" é</name><pid>")
                    .append(pid)
                    .append("</pid><user>root</user><start>1</start><eCode>0</eCode><eTime>0</eTime></proc>");
        }
        return xml.toString();
    }

    private static String text(VixReply r) {
        ByteBuffer b = r.result();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void smallListIsOneReplyWithoutPagingElements() throws VixException {
        VixReply r = pages.page("root", 0, 0, () -> "<proc><pid>1</pid></proc>");
        assertThat(text(r)).isEqualTo("<proc><pid>1</pid></proc>");
    }

    @Test
    void largeListIsPagedAndReassembledExactly() throws VixException {
        String xml = bigList();
        byte[] expected = xml.getBytes(StandardCharsets.UTF_8);
        VixReply first = pages.page("root", 0, 0, () -> xml);
        String firstText = text(first);
        Matcher m = FIRST.matcher(firstText);
        assertThat(m.find()).isTrue();
        long key = Long.parseLong(m.group(1));
        assertThat(Long.parseLong(m.group(2))).isEqualTo(expected.length);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        got.writeBytes(firstText.substring(m.end()).getBytes(StandardCharsets.ISO_8859_1));
        long left = Long.parseLong(m.group(3));
        int replies = 1;
        while (left > 0) {
            VixReply next = pages.page("root", key, got.size(), () -> {
                throw new AssertionError("a kept list is not listed again");
            });
            assertThat(VixReplyEncoder.encode(next).length).isLessThanOrEqualTo(VixReplyEncoder.MAX_REPLY_SIZE);
            String t = text(next);
            Matcher n = NEXT.matcher(t);
            assertThat(n.find()).isTrue();
            got.writeBytes(t.substring(n.end()).getBytes(StandardCharsets.ISO_8859_1));
            left = Long.parseLong(n.group(1));
            assertThat(left).isEqualTo(expected.length - got.size());
            replies++;
        }
        assertThat(got.toByteArray()).isEqualTo(expected);
        assertThat(replies).isEqualTo(4);
        assertThat(VixReplyEncoder.encode(first).length).isLessThanOrEqualTo(VixReplyEncoder.MAX_REPLY_SIZE);
        // finished lists are dropped
        assertThatThrownBy(() -> pages.page("root", key, 0, () -> "")).isInstanceOf(VixException.class);
    }

    @Test
    void keysBelongToTheirUserExpireAndRefuseBadOffsets() throws VixException {
        String xml = bigList();
        long key = key(pages.page("root", 0, 0, () -> xml));
        assertThat(error(() -> pages.page("alice", key, 100, () -> ""))).isEqualTo(VixError.INVALID_ARG);
        assertThat(error(() -> pages.page("root", key, -1, () -> ""))).isEqualTo(VixError.INVALID_ARG);
        assertThat(error(() -> pages.page("root", key, 10_000_000, () -> ""))).isEqualTo(VixError.INVALID_ARG);
        assertThat(error(() -> pages.page("root", 999, 0, () -> ""))).isEqualTo(VixError.INVALID_ARG);
        assertThat(text(pages.page("root", key, 1000, () -> ""))).startsWith("<leftToSend>");
        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertThat(error(() -> pages.page("root", key, 1000, () -> ""))).isEqualTo(VixError.INVALID_ARG);
    }

    @Test
    void oneUsersManyListingsNeverEvictAnotherUsersListing() throws VixException {
        String xml = bigList();
        long alices = key(pages.page("alice", 0, 0, () -> xml));
        long first = key(pages.page("mallory", 0, 0, () -> xml));
        for (int i = 0; i < ProcessListPages.MAX_KEPT * 2; i++) {
            pages.page("mallory", 0, 0, () -> xml);
        }
        assertThat(text(pages.page("alice", alices, 1000, () -> ""))).startsWith("<leftToSend>");
        // mallory's own oldest listings made room for the newer ones
        assertThat(error(() -> pages.page("mallory", first, 1000, () -> ""))).isEqualTo(VixError.INVALID_ARG);
    }

    private static long key(VixReply r) {
        Matcher m = FIRST.matcher(text(r));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private interface Call {
        VixReply run() throws VixException;
    }

    private static int error(Call c) {
        try {
            c.run();
            throw new AssertionError("expected a VixException");
        } catch (VixException e) {
            return e.error();
        }
    }
}
