/**
 * {@code prepare-image}: removes from a machine what must not leak into every instance of an
 * image made from it (host keys, keys and scripts of the provisioned instance, identity, logs,
 * histories, leases, first-boot state), as sdc-vmtools' script of the same name does.
 */
package io.github.guesttools.mdata.imageprep;
