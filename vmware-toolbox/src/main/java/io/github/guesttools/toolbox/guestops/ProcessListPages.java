package io.github.guesttools.toolbox.guestops;

import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import io.github.guesttools.toolbox.vix.VixReplyEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * ListProcessesEx paging as open-vm-tools does it ({@code docs/protocols/vix.md} §8.3): a list that does not fit
 * one reply is kept under a key; the first reply is {@code <key>K</key><totalSize>T</totalSize>
 * <leftToSend>L</leftToSend>} + the first chunk, the host asks again with the key and the offset it
 * has, and later replies are {@code <leftToSend>L</leftToSend>} + the next chunk. Kept lists expire
 * after 10 minutes and belong to the user who asked. At most {@value #MAX_KEPT_PER_USER} are kept
 * per user (a user's new listing replaces that user's oldest) and {@value #MAX_KEPT} in all (then
 * the oldest goes), so one user paging many listings cannot evict another user's listing half-way.
 */
final class ProcessListPages {
    static final int MAX_RESULT = VixReplyEncoder.MAX_REPLY_SIZE - 64;
    private static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX_KEPT_PER_USER = 2;
    static final int MAX_KEPT = 16;

    private record Kept(String user, byte[] xml, Instant created) {}

    private final InstantSource clock;
    private final int maxResult;
    private final Map<Long, Kept> kept = new LinkedHashMap<>();
    private long nextKey = 1;

    ProcessListPages(InstantSource clock, int maxResult) {
        this.clock = clock;
        this.maxResult = maxResult;
    }

    /**
     * @param user the authenticated user
     * @param key 0 for a new listing, else the key of the first reply
     * @param offset bytes of the listing the host already has (with a key)
     * @param listing produces the whole XML of a new listing
     * @return the reply
     * @throws VixException 3 for an unknown or expired key or an offset past the end
     */
    synchronized VixReply page(String user, long key, long offset, Supplier<String> listing) throws VixException {
        expire();
        if (key == 0) {
            byte[] xml = listing.get().getBytes(StandardCharsets.UTF_8);
            if (xml.length <= maxResult) {
                return text(new byte[0], xml, 0, xml.length);
            }
            long k = nextKey++;
            if (kept.values().stream().filter(e -> e.user().equals(user)).count() >= MAX_KEPT_PER_USER) {
                kept.values().stream()
                        .filter(e -> e.user().equals(user))
                        .findFirst()
                        .ifPresent(e -> kept.values().remove(e));
            } else if (kept.size() >= MAX_KEPT) {
                Iterator<Long> oldest = kept.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            kept.put(k, new Kept(user, xml, clock.instant()));
            byte[] head = ("<key>" + k + "</key><totalSize>" + xml.length + "</totalSize>")
                    .getBytes(StandardCharsets.US_ASCII);
            return chunk(head, xml, 0);
        }
        Kept k = kept.get(key);
        if (k == null || !k.user().equals(user)) {
            throw new VixException(VixError.INVALID_ARG, "no process list kept under key " + key);
        }
        if (offset < 0 || offset > k.xml().length) {
            throw new VixException(VixError.INVALID_ARG, "offset " + offset + " outside the list");
        }
        VixReply reply = chunk(new byte[0], k.xml(), (int) offset);
        if (offset + room(new byte[0], k.xml(), (int) offset) >= k.xml().length) {
            kept.remove(key);
        }
        return reply;
    }

    private VixReply chunk(byte[] head, byte[] xml, int from) {
        int n = room(head, xml, from);
        byte[] left = ("<leftToSend>" + (xml.length - from - n) + "</leftToSend>").getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = new byte[head.length + left.length];
        System.arraycopy(head, 0, prefix, 0, head.length);
        System.arraycopy(left, 0, prefix, head.length, left.length);
        return text(prefix, xml, from, n);
    }

    /** Chunk size: what fits after the prefixes (their longest form, so it is stable per offset). */
    private int room(byte[] head, byte[] xml, int from) {
        int prefix = head.length + ("<leftToSend>" + xml.length + "</leftToSend>").length();
        return Math.min(xml.length - from, maxResult - prefix);
    }

    private static VixReply text(byte[] prefix, byte[] xml, int from, int n) {
        ByteBuffer b = ByteBuffer.allocate(prefix.length + n);
        b.put(prefix).put(xml, from, n).flip();
        return new VixReply(VixError.OK, 0, false, b);
    }

    private void expire() {
        Instant now = clock.instant();
        kept.values().removeIf(k -> k.created().plus(TTL).isBefore(now));
    }
}
