package io.github.guesttools.benchmarks.toolbox;

import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.files.FileOperations;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixRequestEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ListFiles of a 10,000-entry directory, paged as vSphere pages it (maxResults 50, the next request
 * with index = entries received so far, until {@code <rem>} is 0), through the whole dispatcher
 * (decode, login, per-thread user switch, listing, reply encoding). Baseline: one
 * {@code Files.newDirectoryStream} with the same stat per entry, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListFilesBenchmark {
    private static final Pattern REM = Pattern.compile("<rem>(\\d+)</rem>");
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,lastAccessTime";

    @Param("10000")
    public int entries;

    @Param("50")
    public int pageSize;

    private Path dir;
    private VixDispatcher vix;
    private byte[] credential;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("vix-bench");
        for (int i = 0; i < entries; i++) {
            Files.writeString(dir.resolve(String.format("entry-%05d.txt", i)), "x");
        }
        vix = FileOperations.register(VixDispatcher.builder(), dir, true)
                .authenticator((user, password) -> {})
                .users(name -> Optional.of(Account.current()))
                .build();
        credential = VixRequestEncoder.namePassword("bench", "bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public int vixListFilesPaged() {
        int index = 0;
        while (true) {
            byte[] body = VixRequestEncoder.listFilesBody(dir.toString(), null, index, pageSize, 0);
            byte[] reply = vix.dispatch(VixRequestEncoder.relayed(VixOp.LIST_FILES, body, credential.clone(), 1, 1));
            String text = new String(reply, StandardCharsets.UTF_8);
            int received = count(text);
            index += received;
            Matcher m = REM.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException(text);
            }
            if (m.group(1).equals("0")) {
                return index;
            }
        }
    }

    @Benchmark
    public int baselineDirectoryStreamAndStat() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                n += a.size();
            }
        }
        return n;
    }

    private static int count(String reply) {
        int n = 0;
        for (int i = reply.indexOf("<fxi>"); i >= 0; i = reply.indexOf("<fxi>", i + 5)) {
            n++;
        }
        return n;
    }
}
