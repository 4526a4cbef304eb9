/**
 * HGFS packets as bytes and as records: {@link io.github.guesttools.hgfs.codec.HgfsCodec} decodes
 * and encodes V4-header packets ({@link io.github.guesttools.hgfs.codec.HgfsHeader} plus one
 * {@link io.github.guesttools.hgfs.codec.HgfsMessage} per op), with the wire types they carry
 * (attributes, cross-platform names, NT times, status codes). No I/O and no state: the server and
 * the host simulator share it. Layouts: {@code docs/protocols/hgfs.md}.
 */
package io.github.guesttools.hgfs.codec;
