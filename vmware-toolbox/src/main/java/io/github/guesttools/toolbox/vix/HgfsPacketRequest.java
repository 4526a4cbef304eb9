package io.github.guesttools.toolbox.vix;

import java.nio.ByteBuffer;

/**
 * Op 84 VMXI_HGFS_SEND_PACKET_COMMAND: an HGFS request relayed through VIX.
 *
 * @param packet the HGFS request packet (read-only)
 * @param timeout the host's time-out as sent
 */
public record HgfsPacketRequest(ByteBuffer packet, int timeout) implements VixRequest {
    public HgfsPacketRequest {
        packet = packet.asReadOnlyBuffer();
    }

    @Override
    public ByteBuffer packet() {
        return packet.duplicate();
    }
}
