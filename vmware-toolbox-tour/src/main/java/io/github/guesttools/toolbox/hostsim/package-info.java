/** The host's side of guest operations, for tests and the tour: VIX requests as the VMX builds them ({@link io.github.guesttools.toolbox.hostsim.GuestOpsClient}) and the VMX's HGFS transfer sequences ({@link io.github.guesttools.toolbox.hostsim.HgfsTransfers}). */
package io.github.guesttools.toolbox.hostsim;
