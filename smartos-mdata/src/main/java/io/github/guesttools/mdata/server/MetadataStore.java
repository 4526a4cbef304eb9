package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.atomicfile.AtomicFile;
import io.github.guesttools.mdata.json.JsonException;
import io.github.guesttools.mdata.json.JsonReader;
import io.github.guesttools.mdata.json.JsonWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One VM's metadata document ({@code metadata.json}) with the key rules of SmartOS's agent:
 * {@code sdc:} keys read-only; keys ending {@code _pw} or in an internal namespace live in
 * {@code internal_metadata}; everything else in {@code customer_metadata}. Writes are persisted
 * atomically (temporary file, fsync, rename, fsync of the directory) before they are
 * acknowledged. Thread-safe.
 */
public final class MetadataStore {
  /** Default limit of a stored value. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;
  /** Limit of a key. */
  public static final int MAX_KEY_BYTES = 4096;

  private final Path file;
  private final int maxValueBytes;
  private Map<String, Object> vm;

  private MetadataStore(Path file, Map<String, Object> vm, int maxValueBytes) {
    this.file = file;
    this.vm = vm;
    this.maxValueBytes = maxValueBytes;
  }

  /**
   * Loads {@code file}: a JSON object with {@code customer_metadata}, {@code internal_metadata},
   * optional {@code internal_metadata_namespaces} and the VM fields served as {@code sdc:*}.
   */
  public static MetadataStore load(Path file, int maxValueBytes) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    Object doc;
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
      doc = JsonReader.parse(text);
    } catch (CharacterCodingException | JsonException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    if (!(doc instanceof Map)) {
      throw new IOException(file + ": the document must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> vm = (Map<String, Object>) doc;
    for (String section : new String[] {"customer_metadata", "internal_metadata"}) {
      Object m = vm.get(section);
      if (m == null) {
        vm.put(section, new LinkedHashMap<String, Object>());
      } else if (!(m instanceof Map)) {
        throw new IOException(file + ": " + section + " must be an object");
      }
    }
    return new MetadataStore(file, vm, maxValueBytes);
  }

  /** The limit of a stored value, in bytes. */
  public int maxValueBytes() {
    return maxValueBytes;
  }

  synchronized Lookup get(String key) {
    if (key.startsWith(SdcKeys.PREFIX)) {
      return SdcKeys.get(vm, section("internal_metadata"), key.substring(SdcKeys.PREFIX.length()));
    }
    Map<String, Object> m = isInternal(key) ? section("internal_metadata") : section("customer_metadata");
    return SdcKeys.scalar(m.get(key));
  }

  /** Customer keys that are not internal, then internal keys that are visible ({@code _pw}, namespaced). */
  synchronized List<String> keys() {
    List<String> out = new ArrayList<>();
    for (String k : section("customer_metadata").keySet()) {
      if (!isInternal(k)) {
        out.add(k);
      }
    }
    for (String k : section("internal_metadata").keySet()) {
      if (isInternal(k)) {
        out.add(k);
      }
    }
    return out;
  }

  synchronized void put(String key, byte[] value) throws MetadataRefusedException {
    checkWritable(key);
    if (value.length > maxValueBytes) {
      throw new MetadataRefusedException("Value too large (limit " + maxValueBytes + " bytes)");
    }
    String section = key.endsWith("_pw") ? "internal_metadata" : "customer_metadata";
    Map<String, Object> copy = new LinkedHashMap<>(section(section));
    copy.put(key, ByteText.decode(value));
    commit(section, copy);
  }

  synchronized void delete(String key) throws MetadataRefusedException {
    checkWritable(key);
    String section = key.endsWith("_pw") ? "internal_metadata" : "customer_metadata";
    if (!section(section).containsKey(key)) {
      return;
    }
    Map<String, Object> copy = new LinkedHashMap<>(section(section));
    copy.remove(key);
    commit(section, copy);
  }

  private void checkWritable(String key) throws MetadataRefusedException {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new MetadataRefusedException("Key too long (limit " + MAX_KEY_BYTES + " bytes)");
    }
    if (key.startsWith(SdcKeys.PREFIX)) {
      throw new MetadataRefusedException("Cannot update the \"sdc\" Namespace.");
    }
    String ns = namespaceOf(key);
    if (ns != null && namespaces().contains(ns)) {
      throw new MetadataRefusedException("Cannot update the \"" + ns + "\" Namespace.");
    }
    if (key.equals("operator-script")) {
      // agent.js would write internal_metadata['operator-script'], which sdc:operator-script
      // serves to the root-run provisioning: a guest must not be able to plant it.
      throw new MetadataRefusedException("Cannot update \"operator-script\".");
    }
  }

  private void commit(String section, Map<String, Object> newSection) throws MetadataRefusedException {
    Map<String, Object> next = new LinkedHashMap<>(vm);
    next.put(section, newSection);
    try {
      AtomicFile.write(file, JsonWriter.write(next).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new MetadataRefusedException("Cannot save metadata: " + e.getMessage(), e);
    }
    vm = next;
  }

  private boolean isInternal(String key) {
    if (key.endsWith("_pw")) {
      return true;
    }
    String ns = namespaceOf(key);
    return ns != null && namespaces().contains(ns);
  }

  private static String namespaceOf(String key) {
    int colon = key.indexOf(':');
    return colon < 0 ? null : key.substring(0, colon);
  }

  private List<?> namespaces() {
    Object ns = vm.get("internal_metadata_namespaces");
    return ns instanceof List ? (List<?>) ns : List.of();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> section(String name) {
    return (Map<String, Object>) vm.get(name);
  }
}
