/** The opt-in TCP relay function {@code http.RoundTrip}. */
package io.github.guesttools.process.internal.relay;
