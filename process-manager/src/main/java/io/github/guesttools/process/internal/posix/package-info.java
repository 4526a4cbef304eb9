/** The few POSIX calls the JDK lacks, through JNA (internal). */
package io.github.guesttools.process.internal.posix;
