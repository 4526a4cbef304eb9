/** GetToolsState (VIX op 62): the guest OS and tools properties. */
package io.github.guesttools.toolbox.toolsstate;
