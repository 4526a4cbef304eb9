/** Reading processes from {@code /proc}. Internal to process-manager: not API. */
package io.github.guesttools.process.internal.procfs;
