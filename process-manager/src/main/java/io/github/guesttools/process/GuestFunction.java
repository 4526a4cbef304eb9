package io.github.guesttools.process;

/**
 * Java code started like a guest program (the govmomi toolbox's "functions", {@code docs/protocols/process.md}
 * §3). Register it with {@link ProcessManager.Builder#function}; StartProgram with the function's
 * name as program path then runs it on its own thread under a pseudo-pid.
 */
@FunctionalInterface
public interface GuestFunction {
    /**
     * Runs the function. TerminateProcess interrupts the thread; the function decides what exit
     * code that gives. An exception gives exit code 1, and its message goes to stderr when the
     * function wrote nothing there.
     *
     * @return the exit code
     */
    int run(FunctionContext context) throws Exception;
}
