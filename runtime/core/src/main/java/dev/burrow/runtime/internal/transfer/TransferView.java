package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;
import dev.burrow.MisuseException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A backend seen as raw documents: what export, import and migration read and write. With a {@link
 * RawSchema} the documents pass through as bytes; with a user's schema each one is decoded on the
 * way in, so an import into a typed store refuses a document its type cannot read before anything
 * is stored.
 */
public final class TransferView<T> {
  private final InstanceSchema<T> schema;
  private final StorageBackend<T> backend;
  private final RawSchema raw;
  private final TempFiles temps;

  /**
   * @param temps the temporary area of the data root this host keeps the instances' directories
   *     under, for the files an import writes into them
   */
  public TransferView(InstanceSchema<T> schema, StorageBackend<T> backend, TempFiles temps) {
    this.schema = schema;
    this.backend = backend;
    this.temps = temps;
    this.raw =
        schema instanceof RawSchema rawSchema
            ? rawSchema
            : new RawSchema(KindDescription.of(schema));
  }

  /** The temporary area for files written into the instances' directories. */
  TempFiles temps() {
    return temps;
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
    Page<T> page = backend.list(request);
    List<RawDocument> documents = new ArrayList<>(page.items().size());
    for (T item : page.items()) {
      documents.add(raw(item));
    }
    return new Page<>(documents, page.problems(), page.next());
  }

  Optional<RawDocument> find(String id) {
    return backend.find(id).map(this::raw);
  }

  /**
   * Stores a new instance exactly as {@code document} says.
   *
   * @throws dev.burrow.InstanceAlreadyExistsException if it exists
   * @throws CorruptInstanceException if this store's type cannot read the document
   */
  void insert(RawDocument document) {
    backend.insert(decode(document));
  }

  /** Replaces the stored instance if its version is still {@code expectedVersion}. */
  void replace(String id, long expectedVersion, RawDocument document) {
    backend.replace(id, expectedVersion, decode(document));
  }

  /** The instance's directory on this host. */
  Path directory(String id) {
    return backend.instanceDirectory(id);
  }

  private RawDocument raw(T item) {
    return raw.parse(schema.codec().encode(item));
  }

  private T decode(RawDocument document) {
    try {
      return schema.codec().decode(document.json());
    } catch (MisuseException e) {
      throw e; // the set-up cannot read any document of the kind (a closed module): not damage
    } catch (RuntimeException e) {
      throw new CorruptInstanceException(
          "imported document '" + document.id() + "'",
          "not a valid " + RawSchema.documentName(schema) + ": " + e.getMessage(),
          e);
    }
  }
}
