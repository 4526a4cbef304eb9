package io.github.guesttools.examples.embedded;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.toolbox.agent.Agent;
import io.github.guesttools.toolbox.agent.AgentConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An application with the VMware guest agent inside: the host's guest operations log in with the
 * application's tokens ({@link TokenAuthenticator}), StartProgram {@value #STATUS_PROGRAM} runs
 * Java code that prints the application's status to {@code /proc/<pid>/stdout}, and
 * {@code /reports:/<name>} downloads its reports ({@link ReportFiles}). Everything else is the
 * packaged agent's default. Logging is the application's: the agent logs through slf4j only.
 */
public final class EmbeddedAgentExample {
    /** The guest program that prints the status. */
    public static final String STATUS_PROGRAM = "app.status";
    /** The HGFS scheme of the reports. */
    public static final String REPORTS = "reports";

    private EmbeddedAgentExample() {}

    /**
     * @param backdoor the backdoor (the caller closes it after the agent)
     * @param state the application's state
     * @param tokens the application's authenticator
     * @return the agent, not started
     */
    public static Agent agent(Backdoor backdoor, AppState state, TokenAuthenticator tokens) {
        return Agent.builder(backdoor)
                .config(AgentConfig.of(Map.of("powerops.enabled", "false")))
                .authenticator(tokens)
                .function(STATUS_PROGRAM, ctx -> {
                    ctx.stdout().write(state.status().getBytes(StandardCharsets.UTF_8));
                    return 0;
                })
                .fileHandler(REPORTS, new ReportFiles(state))
                .build();
    }

    /**
     * Runs until the JVM stops.
     *
     * @param args the backdoor ({@code native}, the default, or {@code unix:/path} of a simulator),
     *     a user name and that user's token
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedAgentExample native|unix:/path USER TOKEN");
            System.exit(2);
        }
        AppState state = new AppState("example");
        state.publish("hello", "hello from the example\n");
        TokenAuthenticator tokens = new TokenAuthenticator(Map.of(args[1], TokenAuthenticator.hash(args[2])));
        try (Backdoor backdoor = Backdoors.open(args[0]);
                Agent agent = agent(backdoor, state, tokens)) {
            agent.start();
            Thread.currentThread().join();
        }
    }
}
