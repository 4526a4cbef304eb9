/**
 * The host side: serves a {@code metadata.json} with the rules of SmartOS's metadata agent over a
 * Unix socket (which QEMU's serial socket backend or a zone connects to) or a pseudo-terminal.
 */
package io.github.guesttools.mdata.server;
