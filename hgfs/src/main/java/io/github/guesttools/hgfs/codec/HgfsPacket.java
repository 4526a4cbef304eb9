package io.github.guesttools.hgfs.codec;

/** A decoded packet: header and payload. */
public record HgfsPacket(HgfsHeader header, HgfsMessage message) {}
