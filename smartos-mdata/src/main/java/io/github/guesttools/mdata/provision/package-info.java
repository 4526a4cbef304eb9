/**
 * First-boot provisioning from metadata, as the SmartOS guest-tools Linux scripts do it: root's
 * authorized keys, the user-script (once per instance), hostname, resolvers, routes, the
 * operator-script and (opt-in) the secondary disk. Every task works on a root directory, so it can
 * be tried on a copy of a system.
 */
package io.github.guesttools.mdata.provision;
