package io.github.guesttools.examples.embedded;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The embedding application's own state: what its guest program and file scheme show the host. */
public final class AppState {
    private final String name;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, String> reports = new ConcurrentHashMap<>();

    /** @param name the application's name */
    public AppState(String name) {
        this.name = name;
    }

    /** Counts one request the application served. */
    public void served() {
        requests.incrementAndGet();
    }

    /**
     * @param report a report name (one path segment)
     * @param text its content
     */
    public void publish(String report, String text) {
        reports.put(report, text);
    }

    /** @return a one-line status */
    public String status() {
        return name + " up, " + requests.get() + " requests served\n";
    }

    /**
     * @param report a report name
     * @return its content, if published
     */
    public Optional<String> report(String report) {
        return Optional.ofNullable(reports.get(report));
    }
}
