/**
 * The file-handler SPI: how the HGFS server reaches files. A {@link
 * io.github.guesttools.hgfs.spi.FileHandler} serves one path scheme ({@code /proc/...}, {@code
 * /archive:/...}); paths no handler claims go to the local file system. Stream-like files use
 * {@link io.github.guesttools.hgfs.spi.StreamFile}.
 */
package io.github.guesttools.hgfs.spi;
