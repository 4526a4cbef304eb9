package io.github.guesttools.testconsole;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints one line per skipped or aborted test with its reason ({@code [SKIPPED] Class.method:
 * reason}) and one per published report entry ({@code [NOTE] Class.method: key: value}, e.g. the
 * branch a real-machine test took). Registered through {@code ServiceLoader}, so a module only
 * needs this artifact on its test class path.
 *
 * <p>It writes to the JVM's native standard error, not {@link System#err}: surefire and failsafe
 * capture {@code System.out}/{@code System.err} per test (into report files, with
 * {@code redirectTestOutputToFile}), but copy the forked JVM's native stderr to the build console
 * as it is. Run any other way (IDE, console launcher), native stderr is the console too.
 */
public final class ConsoleNotesListener implements TestExecutionListener {

    private final PrintStream console;

    /** The listener ServiceLoader creates: writes to native stderr. */
    public ConsoleNotesListener() {
        this(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    /** A listener writing to {@code console}. */
    public ConsoleNotesListener(PrintStream console) {
        this.console = console;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        console.println("[SKIPPED] " + name(test) + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            console.println("[SKIPPED] " + name(test) + ": "
                    + result.getThrowable()
                            .map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
                            .orElse("aborted"));
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entry.getKeyValuePairs()
                .forEach((key, value) -> console.println("[NOTE] " + name(test) + ": " + key + ": " + value));
    }

    /** {@code Class.method} (simple class name), or the class, or the display name. */
    static String name(TestIdentifier test) {
        TestSource source = test.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            return simple(m.getClassName()) + "." + m.getMethodName();
        }
        if (source instanceof ClassSource c) {
            return simple(c.getClassName());
        }
        return test.getDisplayName();
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
