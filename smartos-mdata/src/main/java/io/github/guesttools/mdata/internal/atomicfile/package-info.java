/**
 * Replacing a file so that a crash leaves either the old or the new content, never a mix.
 *
 * <p>Internal to smartos-mdata: not an API, no compatibility promise.
 */
package io.github.guesttools.mdata.internal.atomicfile;
