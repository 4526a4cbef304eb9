/**
 * Bytes of the SmartOS metadata line protocol: line splitting, CRC-32, V2 frames and V1 replies.
 * Nothing here knows what a key means or how bytes travel.
 */
package io.github.guesttools.mdata.protocol;
