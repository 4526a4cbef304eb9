package io.github.guesttools.backdoor.simulator.bridge;

import io.github.guesttools.backdoor.simulator.RecordedRpci;
import io.github.guesttools.backdoor.simulator.TransferStep;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The line protocol of {@code SimulatorMain --control}: one command per line on stdin, one answer
 * line ({@code ok ...} or {@code error ...}) on stdout per command; TCLO replies arrive later as
 * {@code reply <tag> <escaped bytes>} or {@code failed <tag> <text>} lines. Bytes are written with
 * {@link TextEscapes}. Lets a test in another process drive the simulator's host side.
 */
final class ControlLoop {
    private final VmxSimulator simulator;
    private final PrintStream out;

    ControlLoop(VmxSimulator simulator, PrintStream out) {
        this.simulator = simulator;
        this.out = out;
    }

    /** Runs until stdin ends. */
    void run(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String answer;
            try {
                answer = execute(line.trim());
            } catch (RuntimeException e) {
                answer = "error " + e.getMessage();
            }
            print(answer);
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private String execute(String line) {
        String[] w = line.split(" ", 3);
        switch (w[0]) {
            case "reset":
                simulator.reset();
                return "ok";
            case "hb":
                simulator.setHighBandwidth(onOff(w));
                return "ok";
            case "cookies":
                simulator.setCookiesSupported(onOff(w));
                return "ok";
            case "power":
                if (onOff(w)) {
                    simulator.powerOn();
                } else {
                    simulator.powerOff();
                }
                return "ok";
            case "tclo": {
                String tag = w[1];
                byte[] request = TextEscapes.unescape(w.length > 2 ? w[2] : "");
                simulator
                        .submitTclo(request)
                        .whenComplete((reply, failure) -> print(
                                failure == null
                                        ? "reply " + tag + " " + TextEscapes.escape(reply)
                                        : "failed " + tag + " " + failure.getMessage()));
                return "ok";
            }
            case "checkpoint":
                simulator.injectCheckpoint(
                        TransferStep.valueOf(w[1].toUpperCase(Locale.ROOT)), w.length > 2 ? Integer.parseInt(w[2]) : 0);
                return "ok";
            case "pending-checkpoints":
                return "ok " + simulator.pendingCheckpoints();
            case "invalidate-cookies":
                simulator.invalidateCookies();
                return "ok";
            case "close-channel":
                simulator.closeChannel(Integer.parseInt(w[1]));
                return "ok";
            case "calls":
                return "ok " + simulator.callCount();
            case "rpci": {
                StringBuilder s = new StringBuilder("ok");
                for (RecordedRpci r : simulator.rpciCommands()) {
                    // Escaped commands never contain a space-free ambiguity: spaces are escaped as \x20.
                    s.append(' ').append(TextEscapes.escape(r.command()).replace(" ", "\\x20"));
                }
                return s.toString();
            }
            default:
                return "error unknown command " + w[0];
        }
    }

    private static boolean onOff(String[] w) {
        if (w.length < 2 || !(w[1].equals("on") || w[1].equals("off"))) {
            throw new IllegalArgumentException(w[0] + " needs on or off");
        }
        return w[1].equals("on");
    }
}
