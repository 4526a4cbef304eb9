/** Bounded heap-then-disk byte buffers for process I/O. Internal to process-manager: not API. */
package io.github.guesttools.process.internal.buffer;
