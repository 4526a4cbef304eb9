/**
 * The metadata client: {@link io.github.guesttools.mdata.client.MetadataClient} with typed
 * exceptions. It probes, negotiates V2 (falling back to V1), matches replies by request id, skips
 * garbage, resets and resends after a timeout, and honours an optional overall deadline.
 */
package io.github.guesttools.mdata.client;
