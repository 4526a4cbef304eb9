/** The runnable agent: {@link io.github.guesttools.toolbox.agent.Agent} wires backdoor, RPCI/TCLO, guest info, power operations, VIX and HGFS; configuration, command line, trace mode and logging set-up. */
package io.github.guesttools.toolbox.agent;
