package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.internal.atomicfile.AtomicFile;
import io.github.guesttools.mdata.internal.json.JsonException;
import io.github.guesttools.mdata.internal.json.JsonReader;
import io.github.guesttools.mdata.internal.json.JsonWriter;
import io.github.guesttools.mdata.internal.posix.Fd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One VM's metadata document ({@code metadata.json}) with the key rules of SmartOS's agent:
 * {@code sdc:} keys read-only; keys ending {@code _pw} or in an internal namespace live in
 * {@code internal_metadata}; everything else in {@code customer_metadata}. Thread-safe.
 *
 * <p>The file is the truth, shared with the operator: every request sees the file as it is now
 * (it is read again whenever its inode, size, mtime or ctime changed), and a guest's write takes
 * the {@code flock(2)} lock on {@code <file>.lock}, reads the file afresh, changes only the one
 * key and replaces the file atomically (temporary file, fsync, rename, fsync of the directory)
 * before it is acknowledged. An operator who edits under the same lock ({@code flock
 * vm.json.lock ...}) and replaces the file by a rename can therefore never lose a guest's write,
 * nor have an edit undone by one.
 *
 * <p>A {@code _pw} key that a hand-written file keeps in {@code customer_metadata} is served as
 * if vmadm had stored it: vmadm moves such keys to {@code internal_metadata} (unless that
 * already has the key, which then wins), where the agent reads and lists them.
 */
public final class MetadataStore {
    /** Default limit of a stored value. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;
    /** Limit of a key. */
    public static final int MAX_KEY_BYTES = 4096;
    /**
     * Default limit of the metadata file that a guest's writes may make it reach (16 MiB): without
     * one, a guest's PUTs of new keys fill the host's memory and disk, and each PUT rewrites it all.
     */
    public static final long DEFAULT_MAX_FILE_BYTES = 16L << 20;

    private static final String CUSTOMER = "customer_metadata";
    private static final String INTERNAL = "internal_metadata";

    private final Path file;
    private final Path lockFile;
    private final int maxValueBytes;
    private final long maxFileBytes;
    private final Object writers = new Object();
    private volatile Consumer<String> log = m -> {};
    private Map<String, Object> vm;
    private Map<String, Object> stamp;
    private Map<String, Object> badStamp;

    private MetadataStore(Path file, int maxValueBytes, long maxFileBytes) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.maxValueBytes = maxValueBytes;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Loads {@code file}: a JSON object with {@code customer_metadata}, {@code internal_metadata},
     * optional {@code internal_metadata_namespaces} and the VM fields served as {@code sdc:*}.
     * Temporary files that a crashed writer left next to it ({@code .<name>.<digits>.tmp}) are
     * removed, under the lock, so that no running writer loses its file.
     */
    public static MetadataStore load(Path file, int maxValueBytes) throws IOException {
        return load(file, maxValueBytes, m -> {});
    }

    /** {@link #load(Path, int)}, telling {@code log} what it removed and later problems. */
    public static MetadataStore load(Path file, int maxValueBytes, Consumer<String> log) throws IOException {
        return load(file, maxValueBytes, Math.max(DEFAULT_MAX_FILE_BYTES, maxValueBytes), log);
    }

    /**
     * {@link #load(Path, int, Consumer)} with a limit of the file's size: a guest's write that would
     * make the file larger than {@code maxFileBytes}, and larger than it is, is refused (a delete or
     * a write that shrinks it never is, so a file an operator made larger stays usable).
     */
    public static MetadataStore load(Path file, int maxValueBytes, long maxFileBytes, Consumer<String> log)
            throws IOException {
        MetadataStore s = new MetadataStore(file, maxValueBytes, maxFileBytes);
        s.logTo(log);
        Fd lock;
        try {
            lock = s.lock();
        } catch (IOException e) {
            // A read-only directory: serve the file; guest writes will be refused with the reason.
            log.accept("cannot take " + s.lockFile + " (" + e.getMessage() + "): leftovers not removed");
            lock = null;
        }
        try {
            if (lock != null) {
                s.removeStaleTemporaries();
            }
            s.stamp = stampOf(file);
            s.vm = read(file);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
        return s;
    }

    /** Where messages about the file go (a changed file that cannot be read, removed leftovers). */
    public void logTo(Consumer<String> log) {
        this.log = Objects.requireNonNull(log);
    }

    /** The lock file writers share: {@code <file>.lock}. */
    public Path lockFile() {
        return lockFile;
    }

    /** The limit of a stored value, in bytes. */
    public int maxValueBytes() {
        return maxValueBytes;
    }

    /** The size in bytes a guest's writes may make the file reach. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    synchronized Lookup get(String key) {
        Map<String, Object> doc = current();
        if (key.startsWith(SdcKeys.PREFIX)) {
            return SdcKeys.get(doc, section(doc, INTERNAL), key.substring(SdcKeys.PREFIX.length()));
        }
        if (key.endsWith("_pw") && !section(doc, INTERNAL).containsKey(key)) {
            return SdcKeys.scalar(section(doc, CUSTOMER).get(key));
        }
        Map<String, Object> m = isInternal(doc, key) ? section(doc, INTERNAL) : section(doc, CUSTOMER);
        return SdcKeys.scalar(m.get(key));
    }

    /**
     * Customer keys that are not internal, then internal keys that are visible ({@code _pw},
     * namespaced), then {@code _pw} keys found only among the customer keys (where vmadm would
     * have appended them to the internal ones).
     */
    synchronized List<String> keys() {
        Map<String, Object> doc = current();
        Map<String, Object> customer = section(doc, CUSTOMER);
        Map<String, Object> internal = section(doc, INTERNAL);
        List<String> out = new ArrayList<>();
        for (String k : customer.keySet()) {
            if (!isInternal(doc, k)) {
                out.add(k);
            }
        }
        for (String k : internal.keySet()) {
            if (isInternal(doc, k)) {
                out.add(k);
            }
        }
        for (String k : customer.keySet()) {
            if (k.endsWith("_pw") && !internal.containsKey(k)) {
                out.add(k);
            }
        }
        return out;
    }

    void put(String key, byte[] value) throws MetadataRefusedException {
        if (value.length > maxValueBytes) {
            throw new MetadataRefusedException("Value too large (limit " + maxValueBytes + " bytes)");
        }
        change(key, ByteText.decode(value));
    }

    void delete(String key) throws MetadataRefusedException {
        change(key, null);
    }

    /**
     * Sets ({@code value} non-null) or removes one key in the file as it is now, under the lock.
     * Writers queue on {@link #writers}, not on the store: reads go on while an operator holds the
     * file lock.
     */
    private void change(String key, String value) throws MetadataRefusedException {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new MetadataRefusedException("Key too long (limit " + MAX_KEY_BYTES + " bytes)");
        }
        synchronized (writers) {
            changeLocked(key, value);
        }
    }

    private void changeLocked(String key, String value) throws MetadataRefusedException {
        try (Fd lock = lock()) {
            Map<String, Object> doc;
            try {
                doc = read(file);
            } catch (IOException e) {
                throw new MetadataRefusedException(
                        "Cannot read the metadata file, nothing changed: " + e.getMessage(), e);
            }
            checkWritable(doc, key);
            Map<String, Object> customer = section(doc, CUSTOMER);
            boolean changed;
            if (key.endsWith("_pw")) {
                // agent.js writes _pw keys to internal_metadata; a copy left in customer_metadata by a
                // hand-written file goes, as vmadm would have moved it.
                changed = customer.remove(key) != null | apply(section(doc, INTERNAL), key, value);
            } else {
                changed = apply(customer, key, value);
            }
            if (changed) {
                byte[] json = JsonWriter.write(doc).getBytes(StandardCharsets.UTF_8);
                if (json.length > maxFileBytes && json.length > Files.size(file)) {
                    throw new MetadataRefusedException("Metadata full (limit " + maxFileBytes + " bytes)");
                }
                AtomicFile.write(file, json);
            }
            Map<String, Object> written = stampOf(file);
            synchronized (this) {
                vm = doc;
                stamp = written;
            }
        } catch (IOException e) {
            throw new MetadataRefusedException("Cannot save metadata: " + e.getMessage(), e);
        }
    }

    private static boolean apply(Map<String, Object> section, String key, String value) {
        if (value == null) {
            boolean had = section.containsKey(key);
            section.remove(key);
            return had;
        }
        return !value.equals(section.put(key, value));
    }

    private static void checkWritable(Map<String, Object> doc, String key) throws MetadataRefusedException {
        if (key.startsWith(SdcKeys.PREFIX)) {
            throw new MetadataRefusedException("Cannot update the \"sdc\" Namespace.");
        }
        String ns = namespaceOf(key);
        if (ns != null && namespaces(doc).contains(ns)) {
            throw new MetadataRefusedException("Cannot update the \"" + ns + "\" Namespace.");
        }
        if (key.equals("operator-script")) {
            // agent.js would write internal_metadata['operator-script'], which sdc:operator-script
            // serves to the root-run provisioning: a guest must not be able to plant it.
            throw new MetadataRefusedException("Cannot update \"operator-script\".");
        }
    }

    /** The document as the file holds it now; the last good one while the file cannot be read. */
    private Map<String, Object> current() {
        Map<String, Object> now;
        try {
            now = stampOf(file);
        } catch (IOException e) {
            complainOnce(null, "cannot see " + file + " (" + e.getMessage() + "): serving its last good version");
            return vm;
        }
        if (now.equals(stamp)) {
            return vm;
        }
        try {
            vm = read(file);
            stamp = now;
            badStamp = null;
        } catch (IOException e) {
            // Most likely an editor in the middle of writing it in place; the next request tries again.
            complainOnce(now, e.getMessage() + ": serving the last good version");
        }
        return vm;
    }

    private void complainOnce(Map<String, Object> at, String message) {
        if (at == null || !at.equals(badStamp)) {
            badStamp = at;
            log.accept(message);
        }
    }

    private static Map<String, Object> stampOf(Path file) throws IOException {
        return new LinkedHashMap<>(Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime"));
    }

    private static Map<String, Object> read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        Object doc;
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
            doc = JsonReader.parse(text);
        } catch (CharacterCodingException | JsonException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (!(doc instanceof Map)) {
            throw new IOException(file + ": the document must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vm = new LinkedHashMap<>((Map<String, Object>) doc);
        for (String section : new String[] {CUSTOMER, INTERNAL}) {
            Object m = vm.get(section);
            if (m == null) {
                vm.put(section, new LinkedHashMap<String, Object>());
            } else if (m instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                vm.put(section, copy);
            } else {
                throw new IOException(file + ": " + section + " must be an object");
            }
        }
        return vm;
    }

    private Fd lock() throws IOException {
        try {
            Files.createFile(lockFile);
        } catch (FileAlreadyExistsException e) {
            // shared with other writers: only its lock matters
        }
        if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(lockFile + " is not a regular file");
        }
        Fd fd = Fd.openReadWrite(lockFile.toString());
        try {
            fd.flockExclusive();
        } catch (IOException e) {
            fd.close();
            throw e;
        }
        return fd;
    }

    /** Removes {@code .<name>.<digits>.tmp}, the temporary files of {@link AtomicFile}. */
    private void removeStaleTemporaries() throws IOException {
        Pattern leftover =
                Pattern.compile("\\." + Pattern.quote(file.getFileName().toString()) + "\\.[0-9]+\\.tmp");
        Path dir = file.toAbsolutePath().getParent();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                dir, p -> leftover.matcher(p.getFileName().toString()).matches())) {
            for (Path p : entries) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(p);
                    log.accept("removed " + p + ", left by an interrupted write");
                }
            }
        }
    }

    private static boolean isInternal(Map<String, Object> doc, String key) {
        if (key.endsWith("_pw")) {
            return true;
        }
        String ns = namespaceOf(key);
        return ns != null && namespaces(doc).contains(ns);
    }

    private static String namespaceOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? null : key.substring(0, colon);
    }

    private static List<?> namespaces(Map<String, Object> doc) {
        Object ns = doc.get("internal_metadata_namespaces");
        return ns instanceof List ? (List<?>) ns : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> doc, String name) {
        return (Map<String, Object>) doc.get(name);
    }
}
