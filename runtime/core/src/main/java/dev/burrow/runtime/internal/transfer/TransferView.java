package dev.burrow.runtime.internal.transfer;

import dev.burrow.InstanceLock;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A backend seen as raw documents: what export, import and migration read and write. With a {@link
 * RawSchema} the documents pass through as bytes; with a user's schema each one is decoded on the
 * way in, so an import into a typed store refuses a document its type cannot read before anything
 * is stored.
 */
public final class TransferView<T> {
  /** How many documents an export or a copy reads with each {@link #page}. */
  static final int PAGE = 500;

  /** A parser's position in a message: {@code " at line 4, column 27"}. */
  private static final Pattern POSITION = Pattern.compile(" at line \\d+, column \\d+");

  private final InstanceSchema<T> schema;
  private final StorageBackend<T> backend;
  private final RawSchema raw;
  private final HostContext host;
  private final Runnable requireOpen;

  /**
   * @param host the data root this host keeps the instances' directories under: its temporary area
   *     and locks, for the files an import writes into them
   */
  public TransferView(InstanceSchema<T> schema, StorageBackend<T> backend, HostContext host) {
    this(schema, backend, host, () -> {});
  }

  /**
   * @param requireOpen run before each page, lookup and lock, so that a transfer stops with what it
   *     throws (the store's {@link dev.burrow.MisuseException}) once the store it reads or writes
   *     is closed
   */
  public TransferView(
      InstanceSchema<T> schema, StorageBackend<T> backend, HostContext host, Runnable requireOpen) {
    this.schema = schema;
    this.backend = backend;
    this.host = host;
    this.requireOpen = requireOpen;
    this.raw =
        schema instanceof RawSchema rawSchema
            ? rawSchema
            : new RawSchema(KindDescription.of(schema));
  }

  /** The temporary area for files written into the instances' directories. */
  TempFiles temps() {
    return host.temps();
  }

  /**
   * The instance's lock, as its application's writers take it (the backend's, across processes),
   * waiting at most the store's lock timeout.
   *
   * @throws dev.burrow.LockTimeoutException naming the instance after the timeout
   */
  InstanceLock lock(String id) {
    requireOpen.run();
    return backend.lock(id, host.lockTimeout());
  }

  /**
   * The append lock of the instance's event log if {@code relativePath} is the log (as appends take
   * it, waiting at most the store's lock timeout), else null: whoever replaces the log holding it
   * loses no event appended meanwhile. Take it after {@link #lock}, as an application appending
   * under its instance's lock does.
   *
   * @throws dev.burrow.LockTimeoutException naming the log's lock after the timeout
   */
  @Nullable InstanceLock lockIfEventLog(String id, String relativePath) {
    return relativePath.equalsIgnoreCase(FileEventLog.RELATIVE_PATH)
        ? host.locks().lock(FileEventLog.lockName(id), host.lockTimeout())
        : null;
  }

  /** The kind, its managed field names and subdirectories. */
  KindDescription description() {
    return raw.description();
  }

  /** Checks a document's bytes by this kind's managed field names. */
  RawDocument parse(byte[] json) {
    return raw.parse(json);
  }

  /** One page of raw documents, newest first, with reports for the damaged ones. */
  Page<RawDocument> page(PageRequest request) {
    requireOpen.run();
    Page<T> page = backend.list(request);
    List<RawDocument> documents = new ArrayList<>(page.items().size());
    for (T item : page.items()) {
      documents.add(raw(item));
    }
    return new Page<>(documents, page.problems(), page.next());
  }

  Optional<RawDocument> find(String id) {
    requireOpen.run();
    return backend.find(id).map(this::raw);
  }

  /**
   * Stores a new instance exactly as {@code document} says.
   *
   * @throws dev.burrow.InstanceAlreadyExistsException if it exists
   * @throws UndecodableDocumentException if this store's type cannot read the document
   */
  void insert(RawDocument document) {
    backend.insert(decode(document));
  }

  /**
   * Replaces the stored instance if its version is still {@code expectedVersion}.
   *
   * @throws UndecodableDocumentException if this store's type cannot read the document
   */
  void replace(String id, long expectedVersion, RawDocument document) {
    backend.replace(id, expectedVersion, decode(document));
  }

  /**
   * The instance's creation time, or null if it is not known: its kind keeps none, or its document
   * holds no time there.
   */
  static @Nullable Instant createdAt(RawDocument document) {
    String text = document.createdAt();
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeException notATime) {
      return null;
    }
  }

  /** The instance's directory on this host, made if the backend makes it on first use. */
  Path directory(String id) {
    return backend.instanceDirectory(id);
  }

  /**
   * The instance's directory on this host if it has one, making nothing: where its files are read
   * from.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  Optional<Path> existingDirectory(String id) {
    return backend.existingInstanceDirectory(id);
  }

  private RawDocument raw(T item) {
    return raw.parse(schema.codec().encode(item));
  }

  /**
   * The document as this store's type reads it.
   *
   * @throws UndecodableDocumentException if the type cannot read it, with the decoder's reason but
   *     not the line and column it gives: they are a position in the document as re-indented for
   *     decoding, not in an export line or a stored file, where they would point at something else.
   *     The field it names says where.
   */
  private T decode(RawDocument document) {
    return RawSchema.decode(
        schema,
        document.json(),
        (why, e) ->
            new UndecodableDocumentException(
                "imported document '" + document.id() + "'", withoutPosition(why), e));
  }

  /**
   * {@code message} without the line and column a parser gives ({@code " at line 4, column 27"}).
   */
  static String withoutPosition(@Nullable String message) {
    return POSITION.matcher(String.valueOf(message)).replaceAll("");
  }
}
