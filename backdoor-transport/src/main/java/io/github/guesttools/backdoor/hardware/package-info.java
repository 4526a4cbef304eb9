/** The real backdoor through a small native helper (JNA), CPUID, and the CPUID gate that keeps port instructions off non-VMware machines. */
package io.github.guesttools.backdoor.hardware;
