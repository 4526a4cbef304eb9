/** The HGFS file handler for {@code /proc/<pid>/stdin|stdout|stderr}. */
package io.github.guesttools.toolbox.processfiles;
