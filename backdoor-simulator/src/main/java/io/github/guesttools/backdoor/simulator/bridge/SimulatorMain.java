package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A standalone VMX simulator behind a bridge socket, so that a separate guest process (the agent)
 * can be driven end to end off VMware.
 *
 * <pre>
 * java -cp backdoor-transport.jar io.github.guesttools.backdoor.simulator.bridge.SimulatorMain \
 *      --listen /tmp/vmx.sock [--script requests.txt] [--timeout SECONDS] [--stay]
 *      [--control] [--no-high-bandwidth] [--no-cookies]
 * </pre>
 *
 * <p>Prints {@code listening <path>} once the socket accepts connections. With {@code --script}
 * it sends the file's TCLO requests in order, printing each reply, and exits (0 if every request
 * got a reply, 1 otherwise) unless {@code --stay}. With {@code --control} it takes host-side
 * commands on stdin (see the module README) and exits when stdin ends. Otherwise it serves until
 * killed. Exit code 2 means bad arguments.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    /** Runs the simulator; see the class description for the arguments. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Path listen = null;
        Path script = null;
        Duration timeout = Duration.ofSeconds(120);
        boolean stay = false;
        boolean control = false;
        VmxSimulator simulator = new VmxSimulator();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--listen":
                        listen = Path.of(args[++i]);
                        break;
                    case "--script":
                        script = Path.of(args[++i]);
                        break;
                    case "--timeout":
                        timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                        break;
                    case "--stay":
                        stay = true;
                        break;
                    case "--control":
                        control = true;
                        break;
                    case "--no-high-bandwidth":
                        simulator.setHighBandwidth(false);
                        break;
                    case "--no-cookies":
                        simulator.setCookiesSupported(false);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (listen == null) {
                throw new IllegalArgumentException("--listen PATH is required");
            }
        } catch (RuntimeException e) {
            System.err.println("SimulatorMain: " + e.getMessage());
            System.err.println("usage: SimulatorMain --listen PATH [--script FILE] [--timeout SECONDS] [--stay]"
                    + " [--control] [--no-high-bandwidth] [--no-cookies]");
            return 2;
        }
        simulator.setRecording(control);
        try (BridgeServer server = BridgeServer.start(simulator, StaleSocket.removeIfDead(listen))) {
            Thread cleanup = new Thread(() -> closeQuietly(server), "simulator-shutdown");
            Runtime.getRuntime().addShutdownHook(cleanup); // kill (SIGTERM) removes the socket too
            out.println("listening " + server.path());
            out.flush();
            if (control) {
                new ControlLoop(simulator, out)
                        .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.ISO_8859_1)));
                return 0;
            }
            boolean ok = true;
            if (script != null) {
                try (BufferedReader r = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
                    ok = new ScriptRunner(simulator, out, timeout).run(r);
                }
            }
            if (script == null || stay) {
                waitForever();
            }
            return ok ? 0 : 1;
        } catch (IOException e) {
            System.err.println("SimulatorMain: " + e.getMessage());
            return 1;
        }
    }

    private static void closeQuietly(BridgeServer server) {
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("SimulatorMain: " + e.getMessage());
        }
    }

    private static void waitForever() throws InterruptedException {
        Object forever = new Object();
        synchronized (forever) {
            while (true) {
                forever.wait();
            }
        }
    }
}
