package io.github.guesttools.rpc.nicinfo;

/**
 * XDR {@code WinsConfigInfo} (Windows only; decoded, never collected on Linux).
 *
 * @param primary   primary WINS server
 * @param secondary secondary WINS server
 */
public record WinsConfig(TypedAddress primary, TypedAddress secondary) {}
