/** Program checks and the launch of shell command lines as a given user (internal). */
package io.github.guesttools.process.internal.launch;
