package io.github.guesttools.backdoor.vmcheck;

/**
 * The answer to the GETVERSION knock.
 *
 * @param version the backdoor version (6 on VMware)
 * @param vmxType the VMX type: 0 unset, 1 Express, 2 ESX, 3 WGS, 4 Workstation, 5 Workstation enterprise
 */
public record VmwareVersion(int version, int vmxType) {}
