package io.github.guesttools.dist.testing;

import java.lang.management.ManagementFactory;

/** A main class the installed launcher runs in tests: prints its arguments and JVM flags. */
public final class EchoMain {
    private EchoMain() {}

    public static void main(String[] args) {
        System.out.println("args=" + String.join(",", args));
        System.out.println(
                "jvm=" + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("home=" + System.getProperty("guest.tools.home"));
    }
}
