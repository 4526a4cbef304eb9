package example;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.server.MetadataServer;
import io.github.guesttools.mdata.server.MetadataStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Gets a key from a metadata server (the component's own host side) over a Unix socket. */
public final class Main {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path metadata = Files.writeString(dir.resolve("vm.json"),
                "{\"customer_metadata\": {\"staging\": \"smartos-mdata ok\"}}");
        Path socket = dir.resolve("metadata.sock");
        MetadataServer server = new MetadataServer(MetadataStore.load(metadata, 1 << 20));
        try {
            server.listenOnSocket(socket);
            try (MetadataClient client = MetadataClient.builder()
                    .transport("unix:" + socket)
                    .deadline(Duration.ofSeconds(60))
                    .build()) {
                String value = client.get("staging");
                if (!value.equals("smartos-mdata ok")) {
                    throw new AssertionError("staging = " + value);
                }
                System.out.println("staging = " + value);
            }
        } finally {
            server.close();
        }
    }
}
