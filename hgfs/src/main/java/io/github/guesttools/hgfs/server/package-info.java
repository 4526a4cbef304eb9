/**
 * The HGFS file server: {@link io.github.guesttools.hgfs.server.HgfsServer} answers one request
 * packet at a time. Sessions belong to the caller that created them and are bounded per user;
 * handles are bounded per session; each op is one entry of an op-code table.
 */
package io.github.guesttools.hgfs.server;
