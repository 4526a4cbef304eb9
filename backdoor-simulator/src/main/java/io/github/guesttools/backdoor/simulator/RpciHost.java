package io.github.guesttools.backdoor.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host's RPCI command table and the state the default handlers keep: the guestinfo store,
 * tools version, capabilities, log lines and {@code SetGuestInfo} values. Thread-safe.
 *
 * <p>Default handlers: {@code info-get}, {@code info-set} (guest writes confined to
 * {@code guestinfo.*}), {@code tools.set.version}, {@code tools.set.versiontype},
 * {@code tools.capability.*}, {@code log}, {@code SetGuestInfo}, {@code SetGuestDiskInfo} (refused as an
 * unknown command, like an older host, after {@link #refuseDiskInfoJson(boolean)}). Anything else gets
 * {@code 0 Unknown command}. {@link #register} replaces or adds handlers.
 */
public final class RpciHost {

    private static final String CAPABILITY_PREFIX = "tools.capability.";

    private final Map<String, RpciHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, byte[]> guestInfo = new ConcurrentHashMap<>();
    private final Map<String, String> capabilities = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> setGuestInfo = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile String toolsVersion;
    private volatile byte[] diskInfoJson;
    private volatile boolean refuseDiskInfoJson;

    RpciHost() {
        handlers.put("info-get", this::infoGet);
        handlers.put("info-set", this::infoSet);
        handlers.put("tools.set.version", c -> {
            toolsVersion = c.text();
            return RpciHandler.ok("");
        });
        handlers.put("tools.set.versiontype", c -> {
            toolsVersion = c.text();
            return RpciHandler.ok("");
        });
        handlers.put("log", c -> {
            log.add(c.text());
            return RpciHandler.ok("");
        });
        handlers.put("SetGuestInfo", this::setGuestInfo);
        handlers.put("SetGuestDiskInfo", c -> {
            if (refuseDiskInfoJson) {
                return RpciHandler.error("Unknown command");
            }
            diskInfoJson = c.arguments();
            return RpciHandler.ok("");
        });
    }

    /** Makes {@code SetGuestDiskInfo} unknown (a host older than the JSON form), or known again. */
    public void refuseDiskInfoJson(boolean refuse) {
        refuseDiskInfoJson = refuse;
    }

    /** Returns the latest {@code SetGuestDiskInfo} argument bytes (the JSON and the guest's NUL). */
    public Optional<byte[]> diskInfoJson() {
        byte[] value = diskInfoJson;
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** Registers (or replaces) the handler for a command name. */
    public void register(String name, RpciHandler handler) {
        handlers.put(name, handler);
    }

    /** Answers one command; used by the simulator for every completed RPCI message. */
    public byte[] handle(byte[] commandBytes) {
        RpciCommand command = RpciCommand.parse(commandBytes);
        RpciHandler handler = handlers.get(command.name());
        if (handler == null && command.name().startsWith(CAPABILITY_PREFIX)) {
            capabilities.put(command.name().substring(CAPABILITY_PREFIX.length()), command.text());
            return RpciHandler.ok("");
        }
        return handler == null ? RpciHandler.error("Unknown command") : handler.handle(command);
    }

    private byte[] infoGet(RpciCommand command) {
        byte[] value = guestInfo.get(command.text());
        if (value == null) {
            return RpciHandler.error("No value found");
        }
        byte[] reply = new byte[2 + value.length];
        reply[0] = '1';
        reply[1] = ' ';
        System.arraycopy(value, 0, reply, 2, value.length);
        return reply;
    }

    private byte[] infoSet(RpciCommand command) {
        String text = command.text();
        int space = text.indexOf(' ');
        String key = space < 0 ? text : text.substring(0, space);
        if (!key.startsWith("guestinfo.")) {
            return RpciHandler.error("Permission denied");
        }
        String value = space < 0 ? "" : text.substring(space + 1);
        guestInfo.put(key, value.getBytes(StandardCharsets.ISO_8859_1));
        return RpciHandler.ok("");
    }

    private byte[] setGuestInfo(RpciCommand command) {
        byte[] args = command.arguments();
        int i = 0;
        while (i < args.length && args[i] == ' ') {
            i++;
        }
        int type = 0;
        int digits = 0;
        while (i < args.length && args[i] >= '0' && args[i] <= '9' && digits < 4) {
            type = type * 10 + (args[i++] - '0');
            digits++;
        }
        if (digits == 0 || (i < args.length && args[i] != ' ')) {
            return RpciHandler.error("Invalid GuestInfo type");
        }
        int start = Math.min(i + 1, args.length);
        setGuestInfo.put(type, java.util.Arrays.copyOfRange(args, start, args.length));
        return RpciHandler.ok("");
    }

    /** Returns a guestinfo value (key with the {@code guestinfo.} prefix) as text. */
    public Optional<String> guestInfo(String key) {
        byte[] value = guestInfo.get(key);
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.ISO_8859_1));
    }

    /** Sets a guestinfo value from the host side (any key, as the VMX configuration could). */
    public void putGuestInfo(String key, String value) {
        guestInfo.put(key, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Returns the capabilities the guest registered: name after {@code tools.capability.} to arguments. */
    public Map<String, String> capabilities() {
        return Map.copyOf(capabilities);
    }

    /** Returns the last {@code tools.set.version} / {@code versiontype} argument, if any. */
    public Optional<String> toolsVersion() {
        return Optional.ofNullable(toolsVersion);
    }

    /** Returns the {@code log} lines received, oldest first. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Returns the latest {@code SetGuestInfo} value of a type (raw bytes, NUL included if sent). */
    public Optional<byte[]> setGuestInfo(int type) {
        byte[] value = setGuestInfo.get(type);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }
}
