/**
 * The project's one libc binding (JNA): user database, per-thread credential syscalls, signals,
 * {@code open} flags the JDK lacks. Internal to this project; not an API for embedders.
 */
package io.github.guesttools.identity.internal;
