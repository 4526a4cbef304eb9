/** Reading processes from {@code /proc} (internal). */
package io.github.guesttools.process.internal.procfs;
