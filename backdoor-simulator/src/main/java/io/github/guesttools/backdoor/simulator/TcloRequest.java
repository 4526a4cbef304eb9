package io.github.guesttools.backdoor.simulator;

import java.util.concurrent.CompletableFuture;

/** A host-to-guest TCLO request and the future of its reply. */
final class TcloRequest {
    final byte[] bytes;
    final CompletableFuture<byte[]> reply = new CompletableFuture<>();

    TcloRequest(byte[] bytes) {
        this.bytes = bytes;
    }
}
