package io.github.guesttools.process;

/**
 * Converts JDK exit values to the reported convention ({@code docs/protocols/process.md} §7). The JDK folds a
 * death by signal N into 128 + N, indistinguishable from a program that itself exits with that
 * value; values for the standard signals 1..31 are reported as -1, as govmomi reports signal
 * deaths. A program that deliberately exits with 129..159 is therefore also reported as -1.
 */
final class ExitStatus {
    static final int SIGNALLED = -1;

    private ExitStatus() {}

    static int fromJdk(int value) {
        return value > 128 && value < 160 ? SIGNALLED : value;
    }
}
