/** Detection of a VMware VM: CPUID first, the GETVERSION knock only when CPUID says VMware. */
package io.github.guesttools.backdoor.vmcheck;
