package io.github.guesttools.mdata.server;

import java.time.Duration;

/**
 * The bounds of one socket listener: how many connections at once, and how long one may stay
 * idle (no request in progress) before the host closes it.
 */
public record SocketLimits(int maxConnections, long idleMillis) {
    /** 64 connections, 60 s idle: a guest's tools open one connection per command. */
    public static final SocketLimits DEFAULT = new SocketLimits(64, 60_000);

    /** The line a client beyond the limit receives before the host closes its connection. */
    static final String REFUSAL = "FAILURE too many connections to the metadata host; try again\n";

    /** Validates the bounds. */
    public SocketLimits {
        if (maxConnections < 1 || idleMillis < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The same connection limit with another idle limit. */
    public SocketLimits withIdle(Duration idle) {
        return new SocketLimits(maxConnections, idle.toMillis());
    }
}
