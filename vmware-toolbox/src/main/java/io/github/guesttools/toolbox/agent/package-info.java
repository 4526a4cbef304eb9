/**
 * The runnable agent: {@link io.github.guesttools.toolbox.agent.Agent} wires backdoor, RPCI/TCLO,
 * guest info, power operations, VIX and HGFS; {@link io.github.guesttools.toolbox.agent.AgentBuilder}
 * replaces or extends any part of it ({@link io.github.guesttools.toolbox.agent.AgentExtensions},
 * {@link io.github.guesttools.toolbox.agent.AgentPlugin}); configuration, command line, trace mode and
 * logging set-up.
 */
package io.github.guesttools.toolbox.agent;
