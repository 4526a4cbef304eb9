/**
 * RPCI, guest → host commands ({@code docs/protocols/rpc.md} §2): command encoding, reply parsing and a
 * thread-safe client that reopens its channel and resends once after a send failure.
 */
package io.github.guesttools.rpc.rpci;
