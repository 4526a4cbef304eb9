/** Bounded heap-then-disk byte buffers for process I/O. */
package io.github.guesttools.process.internal.buffer;
