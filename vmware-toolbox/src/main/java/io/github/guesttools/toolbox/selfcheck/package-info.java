/**
 * {@code vmware-toolbox --self-check}: checks the real backdoor inside a guest, read-only and
 * safe next to a running vmtoolsd.
 */
package io.github.guesttools.toolbox.selfcheck;
