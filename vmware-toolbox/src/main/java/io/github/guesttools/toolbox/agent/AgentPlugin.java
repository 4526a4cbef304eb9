package io.github.guesttools.toolbox.agent;

/**
 * A plug-in of the packaged agent: a jar in the plug-ins directory ({@code plugins.directory},
 * default {@code /opt/guest-tools/plugins}) naming its implementation in {@code
 * META-INF/services/io.github.guesttools.toolbox.agent.AgentPlugin}, found with {@link
 * java.util.ServiceLoader}. Each jar has its own class loader whose parent is the agent's.
 *
 * <p>A plug-in that cannot be loaded, whose {@link #extend} throws, or that has not returned within
 * 10 s is reported and skipped, and none of its contributions is used; the agent starts without it. Plug-ins run as the agent's
 * user (root): install only trusted jars, in a directory only root can write.
 */
@FunctionalInterface
public interface AgentPlugin {
    /**
     * Contributes to the agent being built.
     *
     * @param agent the extension points
     * @throws Exception to be reported and skipped
     */
    void extend(AgentExtensions agent) throws Exception;
}
