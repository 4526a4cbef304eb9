/**
 * The few libc calls the file-system freezer needs ({@code open}, {@code ioctl FIFREEZE/FITHAW},
 * {@code close}, {@code geteuid}) through JNA.
 *
 * <p>Internal to rpc-dispatch: not an API, no compatibility promise.
 */
package io.github.guesttools.rpc.internal.fsfreeze;
