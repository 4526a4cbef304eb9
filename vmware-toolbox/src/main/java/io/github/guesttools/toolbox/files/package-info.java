/** The VIX file operations (ops 177-183, 188, 189, 194, 195), run as the authenticated user; {@link io.github.guesttools.toolbox.files.FileOperations} registers them. */
package io.github.guesttools.toolbox.files;
