/** The {@code vmware-guestinfo} command-line tool. */
package io.github.guesttools.toolbox.cli;
