package io.github.guesttools.rpc.guestinfo;

import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciCommand;
import io.github.guesttools.rpc.rpci.RpciFailureException;
import io.github.guesttools.rpc.rpci.RpciReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads and writes {@code guestinfo.<key>} variables of the VM (the VMX's {@code guestinfo.*}
 * namespace, e.g. {@code guestinfo.userdata}).
 *
 * <pre>{@code
 * try (RpciClient rpci = new RpciClient(BackdoorChannels.opener())) {
 *     GuestInfo info = new GuestInfo(rpci);
 *     Optional<String> userData = info.get("userdata");
 *     info.set("ready", "1");
 * }
 * }</pre>
 *
 * <p>A missing key ({@code 0 No value found}) is an empty result; any other refusal is an
 * {@link RpciFailureException}. Text values are UTF-8 (what vSphere stores); use {@link #getBytes}
 * for the raw bytes.
 */
public final class GuestInfo {
    /** The VMX's reply text for a key that does not exist. */
    static final String NOT_FOUND = "No value found";

    private static final String PREFIX = "guestinfo.";

    private final RpciClient rpci;

    /** Uses {@code rpci} for the commands; the caller owns and closes it. */
    public GuestInfo(RpciClient rpci) {
        this.rpci = rpci;
    }

    /**
     * Reads {@code guestinfo.<key>}; the key may be given with or without the {@code guestinfo.} prefix.
     *
     * @return the value, or empty when the VMX has no such key
     * @throws IllegalArgumentException when the key is empty or contains spaces or control characters
     * @throws IOException              when the channel fails or the host refuses for another reason
     */
    public Optional<String> get(String key) throws IOException {
        return getBytes(key).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Reads {@code guestinfo.<key>} as raw bytes; see {@link #get}. */
    public Optional<byte[]> getBytes(String key) throws IOException {
        String name = fullKey(key);
        RpciReply reply = rpci.exchange(RpciCommand.text("info-get " + name));
        if (reply.success()) {
            byte[] body = reply.body();
            int end = body.length;
            while (end > 0 && body[end - 1] == 0) {
                end--;
            }
            return Optional.of(Arrays.copyOf(body, end));
        }
        if (reply.text().equals(NOT_FOUND)) {
            return Optional.empty();
        }
        throw new RpciFailureException("info-get " + name, reply.text());
    }

    /**
     * Sets {@code guestinfo.<key>} to {@code value} (UTF-8).
     *
     * @throws IllegalArgumentException when the key is invalid or the value contains a NUL
     * @throws IOException              when the channel fails or the host refuses
     */
    public void set(String key, String value) throws IOException {
        setBytes(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets {@code guestinfo.<key>} to the bytes {@code v}, sent as they are; see {@link #set}. */
    public void setBytes(String key, byte[] v) throws IOException {
        for (byte b : v) {
            if (b == 0) {
                throw new IllegalArgumentException("value contains a NUL");
            }
        }
        String name = fullKey(key);
        byte[] prefix = ("info-set " + name + " ").getBytes(StandardCharsets.ISO_8859_1);
        byte[] command = Arrays.copyOf(prefix, prefix.length + v.length + 1);
        System.arraycopy(v, 0, command, prefix.length, v.length);
        RpciReply reply = rpci.exchange(command);
        if (!reply.success()) {
            throw new RpciFailureException("info-set " + name, reply.text());
        }
    }

    /** Adds the {@code guestinfo.} prefix and refuses keys that would change the command's meaning. */
    static String fullKey(String key) {
        String name = key.startsWith(PREFIX) ? key : PREFIX + key;
        if (name.length() == PREFIX.length()) {
            throw new IllegalArgumentException("empty guestinfo key");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(
                        "guestinfo key contains a space, control or non-ASCII character: " + key);
            }
        }
        return name;
    }
}
