package io.github.guesttools.toolbox.vix;

import java.util.List;

/**
 * Op 186 LIST_PROCESSES_EX.
 *
 * @param key the paging key of an earlier large reply, or 0
 * @param offset the paging offset
 * @param pids the pids to list; empty means all
 */
public record ListProcessesRequest(long key, long offset, List<Long> pids) implements VixRequest {
    public ListProcessesRequest {
        pids = List.copyOf(pids);
    }
}
