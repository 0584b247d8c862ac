package dev.burrow.postgres.internal;

import dev.burrow.CorruptInstanceException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Documents as the {@code text} of a row: exactly the codec's UTF-8 bytes, read back through the
 * codec. A row whose document is larger than a store writes (as the filesystem backend, which reads
 * no such file), the codec rejects, whose ID differs from the row's, or whose version differs from
 * the version column is reported as a {@link CorruptInstanceException} naming the table and row,
 * never repaired.
 */
final class Documents<T> {
  private final InstanceSchema<T> schema;
  private final String table;
  private final String kind;
  private final @Nullable String createdAtField;

  /**
   * @param createdAtField the member documents hold the creation time in, null if the type declares
   *     none
   */
  Documents(InstanceSchema<T> schema, Tables tables, @Nullable String createdAtField) {
    this.schema = schema;
    this.table = tables.instances();
    this.kind = schema.layout().name();
    this.createdAtField = createdAtField;
  }

  /** The member documents hold the creation time in, null if the type declares none. */
  @Nullable String createdAtField() {
    return createdAtField;
  }

  /** The codec's bytes as text; they must be UTF-8, as the codec contract says. */
  String encode(T instance) {
    byte[] bytes = schema.codec().encode(instance);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new StorageException(
          "the codec of "
              + schema.type().getName()
              + " produced bytes that are not UTF-8 for "
              + location(schema.id(instance)),
          e);
    }
  }

  /**
   * The instance in row {@code id} as a read that leaves a document over {@link
   * CheckedSchema#MAX_DOCUMENT_BYTES} on the server returns it: {@code document} null, with its
   * {@code stored} size in bytes; or a corrupt-instance exception naming the row.
   */
  T decode(String id, long version, @Nullable String document, int stored) {
    if (document == null) {
      throw tooLarge(id, stored);
    }
    return decode(id, version, document);
  }

  /**
   * The instance in row {@code id}, whose document the server sent (so it is within the limit), or
   * a corrupt-instance exception naming the row.
   */
  private T decode(String id, long version, String document) {
    if (document.isEmpty()) {
      throw corrupt(id, "the document is empty", null);
    }
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    T instance = RawSchema.decode(schema, bytes, (why, e) -> corrupt(id, why, e));
    if (!id.equals(schema.id(instance))) {
      throw corrupt(
          id,
          "its document's id '"
              + PathSegments.printable(schema.id(instance))
              + "' does not match the row's id",
          null);
    }
    if (schema.version(instance) != version) {
      throw corrupt(
          id,
          "its document says version "
              + schema.version(instance)
              + " but the row's version column says "
              + version,
          null);
    }
    return instance;
  }

  private CorruptInstanceException tooLarge(String id, long bytes) {
    return corrupt(
        id,
        "it is " + bytes + " bytes, more than the limit of " + CheckedSchema.MAX_DOCUMENT_BYTES,
        null);
  }

  CorruptInstanceException corrupt(String id, String reason, @Nullable Throwable cause) {
    return new CorruptInstanceException(location(id), reason, cause);
  }

  /** Names the row: {@code burrow_instances row (kind 'k', id 'i')}, the ID made printable. */
  String location(String id) {
    return Tables.row(table, kind, id);
  }
}
