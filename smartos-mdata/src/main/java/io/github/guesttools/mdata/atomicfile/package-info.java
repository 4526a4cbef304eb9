/** Replacing a file so that a crash leaves either the old or the new content, never a mix. */
package io.github.guesttools.mdata.atomicfile;
