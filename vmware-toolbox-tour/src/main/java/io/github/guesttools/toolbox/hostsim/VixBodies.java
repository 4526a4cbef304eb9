package io.github.guesttools.toolbox.hostsim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Request bodies as the VMX writes them ({@code docs/protocols/vix.md} §5); host side only. */
final class VixBodies {
    private final ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    VixBodies i32(int v) {
        b.putInt(v);
        return this;
    }

    VixBodies i64(long v) {
        b.putLong(v);
        return this;
    }

    VixBodies u8(int v) {
        b.put((byte) v);
        return this;
    }

    /** The string and its NUL. */
    VixBodies str(String s) {
        b.put(utf8(s)).put((byte) 0);
        return this;
    }

    byte[] build() {
        return Arrays.copyOf(b.array(), b.position());
    }

    static int len(String s) {
        return utf8(s).length;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] simplePath(String path) {
        return new VixBodies().i32(0).i32(len(path)).str(path).build();
    }

    static byte[] directory(String path, boolean flag) {
        return new VixBodies()
                .i32(0)
                .i32(len(path))
                .i32(0)
                .u8(flag ? 1 : 0)
                .str(path)
                .build();
    }

    static byte[] move(String from, String to, boolean overwrite) {
        return new VixBodies()
                .i32(0)
                .i32(len(from))
                .i32(len(to))
                .i32(0)
                .u8(overwrite ? 1 : 0)
                .str(from)
                .str(to)
                .build();
    }

    static byte[] chmod(String path, int mode) {
        return new VixBodies()
                .i32(0x40)
                .i64(0)
                .i64(0)
                .i32(-1)
                .i32(-1)
                .i32(mode)
                .u8(0)
                .u8(0)
                .i32(len(path))
                .str(path)
                .build();
    }

    static byte[] transferTo(String path, boolean overwrite) {
        return new VixBodies()
                .i32(0)
                .i32(len(path))
                .u8(overwrite ? 1 : 0)
                .str(path)
                .build();
    }

    static byte[] startProgram(String path, String args) {
        return new VixBodies()
                .u8(0)
                .i32(len(path) + 1)
                .i32(len(args) + 1)
                .i32(0)
                .i32(0)
                .i32(0)
                .str(path)
                .str(args)
                .build();
    }

    static byte[] startProgram(String path, String args, List<String> environment) {
        int total = environment.stream().mapToInt(e -> len(e) + 1).sum();
        VixBodies v = new VixBodies()
                .u8(0)
                .i32(len(path) + 1)
                .i32(len(args) + 1)
                .i32(0)
                .i32(environment.size())
                .i32(total)
                .str(path)
                .str(args);
        environment.forEach(v::str);
        return v.build();
    }

    static byte[] listProcesses(List<Long> pids) {
        VixBodies v = new VixBodies().i32(0).i32(0).i32(pids.size());
        pids.forEach(v::i64);
        return v.build();
    }

    static byte[] terminate(long pid) {
        return new VixBodies().i64(pid).i32(0).build();
    }

    static byte[] environment(List<String> names) {
        int total = names.stream().mapToInt(n -> len(n) + 1).sum();
        VixBodies v = new VixBodies().i32(names.size()).i32(total);
        names.forEach(v::str);
        return v.build();
    }

    static byte[] hgfs(byte[] packet) {
        return ByteBuffer.allocate(8 + packet.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(packet.length)
                .putInt(0)
                .put(packet)
                .array();
    }
}
