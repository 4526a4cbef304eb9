package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.internal.json.JsonReader;
import io.github.guesttools.mdata.testing.ToolProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata file as operators use it: a hand-written document, edits while the server runs,
 * operators and guests writing at the same time, leftovers of a crashed server.
 */
class OperatorFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Path file, String name) throws Exception {
        return (Map<String, Object>) ((Map<?, ?>) JsonReader.parse(Files.readString(file))).get(name);
    }

    @Test
    void pwKeysInCustomerMetadataAreServedAndListedAsTheAgentServesVmadmsCopy() throws Exception {
        // The seed's Windows example: vmadm keeps *_pw keys in internal_metadata, where agent.js
        // serves them from; a customer copy gives way to an internal key of the same name.
        Path file = write(
                "vm.json",
                "{\"uuid\": \"7e3c9a10-0000-4000-8000-000000000001\","
                        + " \"customer_metadata\": {\"administrator_pw\": \"secret\", \"user-script\": \"#!/bin/sh\","
                        + " \"both_pw\": \"customer copy\"},"
                        + " \"internal_metadata\": {\"root_pw\": \"r00t\", \"both_pw\": \"internal\"}}");
        Path sock = dir.resolve("m.sock");
        try (MetadataServer server = new MetadataServer(MetadataStore.load(file, 1 << 20))) {
            server.listenOnSocket(sock);
            Map<String, String> env = Map.of("MDATA_TRANSPORT", "unix:" + sock);
            ToolProcess.Result get = ToolProcess.run("mdata-get", env, null, "administrator_pw");
            assertThat(get.exit()).isZero();
            assertThat(get.out()).isEqualTo("secret\n");
            ToolProcess.Result list = ToolProcess.run("mdata-list", env, null);
            assertThat(list.exit()).isZero();
            assertThat(list.out()).isEqualTo("user-script\nroot_pw\nboth_pw\nadministrator_pw\n");
            try (MetadataClient md =
                    MetadataClient.builder().transport("unix:" + sock).build()) {
                assertThat(md.get("both_pw")).isEqualTo("internal");
                // A guest's write goes where agent.js puts it; the customer copy goes as vmadm moves it.
                md.put("administrator_pw", "changed");
                assertThat(md.get("administrator_pw")).isEqualTo("changed");
                assertThat(md.keys()).containsExactly("user-script", "root_pw", "both_pw", "administrator_pw");
            }
        }
        assertThat(section(file, "internal_metadata").get("administrator_pw")).isEqualTo("changed");
        assertThat(section(file, "customer_metadata").containsKey("administrator_pw"))
                .isFalse();
        assertThat(section(file, "customer_metadata").get("user-script")).isEqualTo("#!/bin/sh");
    }

    @Test
    void anOperatorsEditIsSeenByTheNextRequestAndKeptByTheNextGuestWrite() throws Exception {
        Path file = write("vm.json", "{\"customer_metadata\": {\"color\": \"red\"}}");
        Path sock = dir.resolve("m.sock");
        try (MetadataServer server = new MetadataServer(MetadataStore.load(file, 1 << 20));
                MetadataClient md = connect(server, sock)) {
            assertThat(md.get("color")).isEqualTo("red");
            // An in-place edit, as `vi` with backupcopy=yes or a shell redirection makes it.
            Files.writeString(file, "{\"customer_metadata\": {\"color\": \"blue\", \"size\": \"XL\"}}");
            assertThat(md.get("color")).isEqualTo("blue");
            md.put("status", "ready");
            assertThat(section(file, "customer_metadata"))
                    .containsEntry("color", "blue")
                    .containsEntry("size", "XL")
                    .containsEntry("status", "ready");
            // An edit that breaks the document: reads go on with the last good one, writes are refused
            // with the reason instead of overwriting the operator's half-done edit.
            Files.writeString(file, "{\"customer_metadata\": {\"color\": ");
            assertThat(md.get("color")).isEqualTo("blue");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> md.put("other", "x")))
                    .hasMessageContaining("Cannot read the metadata file, nothing changed");
            assertThat(Files.readString(file)).isEqualTo("{\"customer_metadata\": {\"color\": ");
        }
    }

    @Test
    void aGuestWriteWaitsForTheOperatorsLockWhileReadsGoOn() throws Exception {
        Path file = write("vm.json", "{\"customer_metadata\": {\"color\": \"red\"}}");
        Path sock = dir.resolve("m.sock");
        MetadataStore store = MetadataStore.load(file, 1 << 20);
        try (MetadataServer server = new MetadataServer(store);
                MetadataClient reader = connect(server, sock);
                MetadataClient writer = MetadataClient.builder()
                        .transport("unix:" + sock)
                        .deadline(Duration.ofSeconds(60))
                        .build()) {
            java.util.concurrent.CompletableFuture<Void> put;
            try (io.github.guesttools.mdata.internal.posix.Fd operator =
                    io.github.guesttools.mdata.internal.posix.Fd.openReadWrite(
                            store.lockFile().toString())) {
                operator.flockExclusive();
                put = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        writer.put("status", "ready");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                // The operator's edit, made under the lock while the guest's PUT waits for it.
                Files.writeString(file, "{\"customer_metadata\": {\"color\": \"green\"}}");
                assertThat(reader.get("color")).isEqualTo("green");
                assertThat(put).isNotDone();
            }
            put.get(60, TimeUnit.SECONDS);
            assertThat(section(file, "customer_metadata"))
                    .containsEntry("color", "green")
                    .containsEntry("status", "ready");
        }
    }

    private static MetadataClient connect(MetadataServer server, Path sock) throws Exception {
        server.listenOnSocket(sock);
        return MetadataClient.builder()
                .transport("unix:" + sock)
                .deadline(Duration.ofSeconds(60))
                .build();
    }

    @Test
    void concurrentOperatorEditorsAndGuestsNeverUndoEachOther() throws Exception {
        Path file = write("vm.json", "{\"customer_metadata\": {\"seed\": \"x\"}}");
        Path sock = dir.resolve("m.sock");
        int editors = 3;
        int guests = 4;
        int rounds = 15;
        // The documented operator recipe: edit a copy under flock(1) on <file>.lock, rename it over.
        // (sed inserts the key after the opening brace; customer_metadata is never empty here.)
        String editor = "i=0; while [ $i -lt " + rounds + " ]; do"
                + " flock \"$1.lock\" sh -c 'sed \"s/\\\"customer_metadata\\\": *{/&\\\"$2-$3\\\": \\\"op\\\", /\" \"$1\""
                + " > \"$1.op.$$\" && mv \"$1.op.$$\" \"$1\"' _ \"$1\" \"$2\" \"$i\" || exit 1; i=$((i+1)); done";
        try (MetadataServer server = new MetadataServer(MetadataStore.load(file, 1 << 20))) {
            server.listenOnSocket(sock);
            List<Process> operators = new ArrayList<>();
            for (int e = 0; e < editors; e++) {
                operators.add(new ProcessBuilder("sh", "-c", editor, "editor", file.toString(), "op" + e)
                        .redirectErrorStream(true)
                        .start());
            }
            ExecutorService pool = Executors.newFixedThreadPool(guests);
            List<Future<?>> done = new ArrayList<>();
            for (int g = 0; g < guests; g++) {
                String name = "guest" + g;
                done.add(pool.submit(() -> {
                    try (MetadataClient md = MetadataClient.builder()
                            .transport("unix:" + sock)
                            .deadline(Duration.ofSeconds(60))
                            .build()) {
                        for (int i = 0; i < rounds; i++) {
                            md.put(name + "-" + i, "guest");
                        }
                    }
                    return null;
                }));
            }
            // And two mdata-put processes, as a guest's boot scripts would run them.
            Map<String, String> env = Map.of("MDATA_TRANSPORT", "unix:" + sock);
            assertThat(ToolProcess.run("mdata-put", env, null, "tool-0", "guest")
                            .exit())
                    .isZero();
            assertThat(ToolProcess.run("mdata-put", env, null, "tool-1", "guest")
                            .exit())
                    .isZero();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (Process p : operators) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue())
                        .as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isZero();
            }
            try (MetadataClient md =
                    MetadataClient.builder().transport("unix:" + sock).build()) {
                assertThat(md.keys()).hasSize(editors * rounds + guests * rounds + 3);
            }
        }
        Map<String, Object> customer = section(file, "customer_metadata");
        for (int i = 0; i < rounds; i++) {
            for (int e = 0; e < editors; e++) {
                assertThat(customer.get("op" + e + "-" + i))
                        .as("operator edit op%d-%d", e, i)
                        .isEqualTo("op");
            }
            for (int g = 0; g < guests; g++) {
                assertThat(customer.get("guest" + g + "-" + i))
                        .as("guest write guest%d-%d", g, i)
                        .isEqualTo("guest");
            }
        }
        assertThat(customer).containsEntry("tool-0", "guest").containsEntry("tool-1", "guest");
    }

    @Test
    void temporaryFilesOfACrashedServerAreRemovedAtStartAndNothingElse() throws Exception {
        Path file = write("vm.json", "{\"customer_metadata\": {\"a\": \"1\"}}");
        List<Path> stale = List.of(
                dir.resolve(".vm.json.1234567890.tmp"),
                dir.resolve(".vm.json.18446744073709551615.tmp"),
                dir.resolve(".vm.json.42.tmp"));
        List<Path> unrelated = List.of(
                dir.resolve(".vm.json.abc.tmp"),
                dir.resolve("vm.json.1.tmp"),
                dir.resolve(".other.json.1.tmp"),
                dir.resolve(".vm.json.1.tmp.keep"),
                dir.resolve("notes.txt"));
        for (Path p : stale) {
            Files.writeString(p, "{\"customer_metadata\": {\"half");
        }
        for (Path p : unrelated) {
            Files.writeString(p, "mine");
        }
        Path sock = dir.resolve("m.sock");
        Process server =
                ToolProcess.start("mdata-server", Map.of(), "--metadata", file.toString(), "--socket", sock.toString());
        java.util.concurrent.CompletableFuture<String> log = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("socket " + sock);
            for (Path p : stale) {
                assertThat(p).doesNotExist();
            }
            for (Path p : unrelated) {
                assertThat(p).hasContent("mine");
            }
            try (MetadataClient md =
                    MetadataClient.builder().transport("unix:" + sock).build()) {
                assertThat(md.get("a")).isEqualTo("1");
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(log.get(60, TimeUnit.SECONDS)).contains("removed " + stale.get(0));
    }
}
