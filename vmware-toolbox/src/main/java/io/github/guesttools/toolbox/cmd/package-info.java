/**
 * {@code vmware-toolbox-cmd}: open-vm-tools' administration command with its names, outputs and exit codes
 * where they apply ({@code docs/protocols/toolbox-cmd.md}); each run opens its own channels, no agent needed.
 */
package io.github.guesttools.toolbox.cmd;
