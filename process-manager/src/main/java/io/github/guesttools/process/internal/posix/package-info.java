/** The few POSIX calls the JDK lacks, through guest-identity's libc binding. Internal to process-manager: not API. */
package io.github.guesttools.process.internal.posix;
