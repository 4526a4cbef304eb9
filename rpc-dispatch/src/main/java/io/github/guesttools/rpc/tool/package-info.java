/**
 * {@code rpctool}: one RPCI command from the command line, like {@code vmware-rpctool}, without
 * running any agent.
 */
package io.github.guesttools.rpc.tool;
