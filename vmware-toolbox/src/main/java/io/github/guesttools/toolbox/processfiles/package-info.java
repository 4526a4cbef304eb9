/** The HGFS file handler for {@code /proc/<pid>/stdin|stdout|stderr} of processes started by process-manager with I/O capture; lives here, where HGFS and processes are wired, so process-manager needs no HGFS. */
package io.github.guesttools.toolbox.processfiles;
