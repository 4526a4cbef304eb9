package io.github.guesttools.toolbox.guestops;

import io.github.guesttools.process.ProcessException;
import io.github.guesttools.process.ProcessInfo;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.process.StartRequest;
import io.github.guesttools.process.xml.EnvironmentXml;
import io.github.guesttools.process.xml.ProcessXml;
import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.vix.ListProcessesRequest;
import io.github.guesttools.toolbox.vix.ReadEnvironmentRequest;
import io.github.guesttools.toolbox.vix.StartProgramRequest;
import io.github.guesttools.toolbox.vix.TerminateProcessRequest;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import java.time.InstantSource;

/**
 * StartProgram (185), ListProcessesEx (186), ReadEnvironmentVariables (187) and TerminateProcess
 * (193) backed by the process-manager module, always as the authenticated user's resolved account
 * (the manager drops privileges before anything of the request is used; kills are sent through the
 * identity layer as that user).
 */
public final class ProcessOperations {
    private ProcessOperations() {}

    /**
     * @param builder the dispatcher being built
     * @param processes the process manager (output is captured, so {@code /proc/<pid>/stdout} works)
     * @return the same builder
     */
    public static VixDispatcher.Builder register(VixDispatcher.Builder builder, ProcessManager processes) {
        ProcessListPages pages = new ProcessListPages(InstantSource.system(), ProcessListPages.MAX_RESULT);
        return builder.handle(VixOp.START_PROGRAM, call -> start(processes, call))
                .handle(VixOp.LIST_PROCESSES_EX, call -> list(processes, pages, call))
                .handle(VixOp.READ_ENV_VARIABLES, call -> environment(processes, call))
                .handle(VixOp.TERMINATE_PROCESS, call -> kill(processes, call));
    }

    private static VixReply start(ProcessManager processes, VixCall call) throws VixException {
        StartProgramRequest r = (StartProgramRequest) call.request();
        StartRequest start = new StartRequest(
                call.user(), r.programPath(), r.arguments(), r.workingDirectory(), r.environment(), true);
        try {
            return VixReply.ok(Long.toString(processes.start(start)));
        } catch (ProcessException e) {
            throw vix(e);
        }
    }

    private static VixReply list(ProcessManager processes, ProcessListPages pages, VixCall call) throws VixException {
        ListProcessesRequest r = (ListProcessesRequest) call.request();
        return pages.page(call.user().name(), r.key(), r.offset(), () -> {
            StringBuilder xml = new StringBuilder();
            for (ProcessInfo row : processes.list(r.pids())) {
                ProcessXml.append(xml, row);
            }
            return xml.toString();
        });
    }

    private static VixReply environment(ProcessManager processes, VixCall call) throws VixException {
        ReadEnvironmentRequest r = (ReadEnvironmentRequest) call.request();
        try {
            return VixReply.ok(EnvironmentXml.format(processes.readEnvironment(r.names(), call.user())));
        } catch (ProcessException e) {
            throw vix(e);
        }
    }

    private static VixReply kill(ProcessManager processes, VixCall call) throws VixException {
        TerminateProcessRequest r = (TerminateProcessRequest) call.request();
        try {
            processes.kill(r.pid(), call.user());
            return VixReply.ok();
        } catch (ProcessException e) {
            throw vix(e);
        }
    }

    private static VixException vix(ProcessException e) {
        return new VixException(e.vixError(), 0, e.getMessage(), e);
    }
}
