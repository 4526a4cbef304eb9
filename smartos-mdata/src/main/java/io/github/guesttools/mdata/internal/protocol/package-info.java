/**
 * Bytes of the SmartOS metadata line protocol: line splitting, CRC-32, V2 frames and V1 replies.
 * Nothing here knows what a key means or how bytes travel.
 *
 * <p>Internal to smartos-mdata: not an API, no compatibility promise.
 */
package io.github.guesttools.mdata.internal.protocol;
