package io.github.guesttools.backdoor.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ESX side of the guest statistics API ({@code docs/protocols/toolbox-cmd.md} §2.1): answers {@code
 * guestlib.info.get 3} with a version-3 reply (packed little-endian header, then XDR statistics 1 to {@link
 * #statCount}, each valid only when set here) and {@code guestlib.stat.get <encoding> <stat>} with the text set
 * by {@link #setRaw}. Other versions are refused with {@code Unsupported version}, as a host that speaks only 3
 * here. Without a {@code GuestlibHost} the simulator is a host without the API ({@code Unknown command}).
 */
public final class GuestlibHost {
    /** Statistic ids sent by default (all of {@code guestlibV3.x}). */
    public static final int ALL_STATS = 38;

    private final Map<Integer, Long> numbers = new ConcurrentHashMap<>();
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();
    private final Map<String, String> raw = new ConcurrentHashMap<>();
    private volatile long sessionId = 0x5e551011L;
    private volatile int statCount = ALL_STATS;
    private volatile byte[] replyOverride;

    /** Registers {@code guestlib.info.get} and {@code guestlib.stat.get} on {@code vmx}. */
    public GuestlibHost(VmxSimulator vmx) {
        vmx.rpci().register("guestlib.info.get", this::info);
        vmx.rpci().register("guestlib.stat.get", this::statGet);
    }

    /** The session id in the header. */
    public void setSessionId(long id) {
        sessionId = id;
    }

    /** A numeric statistic (id 1-38 except 18 and 37), now valid. */
    public void set(int id, long value) {
        numbers.put(id, value);
    }

    /** A text statistic (18 resource pool path, 37 its long form), now valid. */
    public void setText(int id, String value) {
        texts.put(id, value);
    }

    /** How many statistics the reply lists (an older host lists fewer). */
    public void setStatCount(int count) {
        statCount = count;
    }

    /** The reply text of {@code guestlib.stat.get <encodingAndStat>} (e.g. {@code "text session"}). */
    public void setRaw(String encodingAndStat, String reply) {
        raw.put(encodingAndStat, reply);
    }

    /** Answers {@code guestlib.info.get 3} with these bytes after {@code "1 "} (hostile replies); null: normal. */
    public void setReplyOverride(byte[] body) {
        replyOverride = body == null ? null : body.clone();
    }

    private byte[] info(RpciCommand command) {
        if (!command.text().strip().equals("3")) {
            return RpciHandler.error("Unsupported version");
        }
        byte[] body = replyOverride != null ? replyOverride : encode();
        byte[] reply = new byte[2 + body.length];
        reply[0] = '1';
        reply[1] = ' ';
        System.arraycopy(body, 0, reply, 2, body.length);
        return reply;
    }

    private byte[] statGet(RpciCommand command) {
        String key = command.text().strip();
        String value = raw.get(key);
        return value == null ? RpciHandler.error("Unknown stat") : RpciHandler.ok(value);
    }

    /** The version-3 reply body for the current statistics. */
    public byte[] encode() {
        ByteArrayOutputStream xdr = new ByteArrayOutputStream();
        xdr.writeBytes(be(statCount));
        for (int id = 1; id <= statCount; id++) {
            xdr.writeBytes(be(id));
            if (id == 18 || id == 37) {
                String t = texts.get(id);
                byte[] b = (t == null ? "" : t).getBytes(StandardCharsets.UTF_8);
                xdr.writeBytes(be(t == null ? 0 : 1));
                xdr.writeBytes(be(b.length));
                xdr.writeBytes(b);
                xdr.writeBytes(new byte[(4 - b.length % 4) % 4]);
                continue;
            }
            Long v = numbers.get(id);
            xdr.writeBytes(be(v == null ? 0 : 1));
            long value = v == null ? 0 : v;
            if (wide(id)) {
                xdr.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
            } else {
                xdr.writeBytes(be((int) value));
            }
        }
        byte[] data = xdr.toByteArray();
        return ByteBuffer.allocate(16 + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(3)
                .putLong(sessionId)
                .putInt(data.length)
                .put(data)
                .array();
    }

    private static boolean wide(int id) {
        return id == 4 || id == 17 || id == 19 || id == 20 || (id >= 22 && id <= 30) || id == 38;
    }

    private static byte[] be(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }
}
