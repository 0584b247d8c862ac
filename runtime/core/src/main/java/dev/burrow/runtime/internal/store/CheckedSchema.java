package dev.burrow.runtime.internal.store;

import dev.burrow.BurrowException;
import dev.burrow.IndexedField;
import dev.burrow.MisuseException;
import dev.burrow.runtime.codec.DocumentFormatException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.jfr.OperationEvent;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DatabindException;

/**
 * The schema a store hands its backend: the generated schema, with every document checked on the
 * way in and on the way out, so that no backend can acknowledge a write that cannot be read back,
 * nor read a version that no write can follow.
 *
 * <ul>
 *   <li><b>Encode, then decode.</b> What the codec wrote is decoded again before the bytes go to
 *       the backend: a nested type that Jackson writes but cannot read back (no usable creator, a
 *       property it writes but refuses to read, a Kotlin class without jackson-module-kotlin), or a
 *       null the document forbids, fails the write with a {@link MisuseException} and nothing is
 *       stored. A type the processor already refused never gets here; this catches what only the
 *       running mapper can tell. Cost: one decode per write, about as much again as the encode
 *       (measured in {@code docs/reliability.md}); small beside a device flush.
 *   <li><b>Size.</b> A document larger than {@link #MAX_DOCUMENT_BYTES} is refused with a {@link
 *       MisuseException} before it reaches the backend: a store reads no larger one (it reports it
 *       as damage, unread), so writing it would acknowledge what can never be read back.
 *   <li><b>Versions in range.</b> A stored version must be from 0 to {@code Long.MAX_VALUE - 1}: a
 *       negative one, or one no write can follow without wrapping, is reported as damage of the
 *       document ({@link DocumentFormatException}, which backends report as a corrupt instance);
 *       and a write that would store a version past it (the write after one at {@code
 *       Long.MAX_VALUE - 1}) is refused with a {@link MisuseException} before it is encoded, so
 *       that the last version a document can have stays readable.
 * </ul>
 *
 * @param <T> the instance type
 */
public final class CheckedSchema<T> implements InstanceSchema<T> {
  /** The highest version a stored document may have: one more write must still fit. */
  public static final long MAX_VERSION = Long.MAX_VALUE - 1;

  /** The largest document a store writes, and reads: 16 MiB of JSON. */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  private final InstanceSchema<T> schema;
  private final InstanceCodec<T> codec;

  private CheckedSchema(InstanceSchema<T> schema) {
    this.schema = schema;
    this.codec = new CheckedCodec();
  }

  /** {@code schema} with its documents checked both ways. */
  public static <T> CheckedSchema<T> of(InstanceSchema<T> schema) {
    return schema instanceof CheckedSchema<T> checked ? checked : new CheckedSchema<>(schema);
  }

  /** The schema whose documents this one checks. */
  public InstanceSchema<T> unchecked() {
    return schema;
  }

  /**
   * Refuses a version no stored instance can have, as the expected version of a compare-and-set.
   *
   * @throws MisuseException naming the instance and the version
   */
  public static long requireStorable(String id, long version) {
    if (version < 0 || version > MAX_VERSION) {
      throw new MisuseException(
          "instance '"
              + id
              + "' cannot be at version "
              + version
              + "; stored versions go from 0 to "
              + MAX_VERSION
              + " (pass a value read from the store)");
    }
    return version;
  }

  /** Why {@code version}, outside 0 to {@link #MAX_VERSION}, is no stored document's version. */
  public static String outOfRange(long version) {
    return "version " + version + " is out of range: stored versions go from 0 to " + MAX_VERSION;
  }

  @Override
  public Class<T> type() {
    return schema.type();
  }

  @Override
  public InstanceLayout layout() {
    return schema.layout();
  }

  @Override
  public InstanceCodec<T> codec() {
    return codec;
  }

  @Override
  public String id(T instance) {
    return schema.id(instance);
  }

  @Override
  public long version(T instance) {
    return schema.version(instance);
  }

  @Override
  public @Nullable Instant createdAt(T instance) {
    return schema.createdAt(instance);
  }

  @Override
  public T fresh(String id) {
    return schema.fresh(id);
  }

  @Override
  public T fresh(String id, long version, Instant createdAt, Instant updatedAt) {
    return schema.fresh(id, version, createdAt, updatedAt);
  }

  @Override
  public List<IndexedField<T, ?>> indexes() {
    return schema.indexes();
  }

  @Override
  public T stamp(T instance, long version, Instant createdAt, Instant updatedAt) {
    return schema.stamp(instance, version, createdAt, updatedAt);
  }

  private final class CheckedCodec implements InstanceCodec<T> {
    @Override
    public byte[] encode(T instance) {
      String what = "a " + schema.type().getSimpleName();
      String id = PathSegments.printable(schema.id(instance));
      long version = schema.version(instance);
      if (version > MAX_VERSION) {
        throw new MisuseException(
            what
                + " for instance '"
                + id
                + "' would be at version "
                + version
                + ", past the highest a stored instance can have ("
                + MAX_VERSION
                + "): its versions are used up, so it cannot be written again; nothing was"
                + " stored");
      }
      byte[] bytes;
      try {
        bytes = schema.codec().encode(instance);
      } catch (MisuseException e) {
        throw new MisuseException(
            what + " for instance '" + id + "' cannot be stored: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new MisuseException(
            what + " for instance '" + id + "' cannot be written as JSON: " + Failures.describe(e),
            e);
      }
      if (bytes.length > MAX_DOCUMENT_BYTES) {
        throw new MisuseException(
            what
                + " for instance '"
                + id
                + "' is "
                + bytes.length
                + " bytes of JSON, more than the "
                + MAX_DOCUMENT_BYTES
                + " a document may hold; nothing was stored. Keep large data in the instance's"
                + " files");
      }
      try {
        schema.codec().decode(bytes);
      } catch (DocumentFormatException e) {
        if (!fromDatabind(e)) {
          throw new MisuseException(
              what
                  + " for instance '"
                  + id
                  + "' is not one its codec reads back ("
                  + e.getMessage()
                  + "); nothing was stored: correct the value it names",
              e);
        }
        throw unreadable(what, id, e);
      } catch (RuntimeException | StackOverflowError e) {
        throw unreadable(what, id, e);
      }
      OperationEvent.written(bytes.length);
      return bytes;
    }

    /**
     * Whether Jackson databind (a nested type's codec) refused the document, rather than a codec or
     * Jackson's parser (JSON it wrote but cannot parse, such as a map key holding an unpaired
     * surrogate).
     */
    private static boolean fromDatabind(Throwable failure) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (cause instanceof DatabindException
            || (cause instanceof JsonReadFailure read && read.databind())) {
          return true;
        }
      }
      return false;
    }

    private static MisuseException unreadable(String what, String id, Throwable e) {
      return new MisuseException(
          what
              + " for instance '"
              + id
              + "' was written as JSON that cannot be read back ("
              + (e instanceof BurrowException ? e.getMessage() : e.toString())
              + "); nothing was stored. Give its nested types a creator Jackson can use (a"
              + " record, or a constructor or factory annotated @JsonCreator) and only"
              + " properties it can read back",
          e);
    }

    @Override
    public T decode(byte[] json) {
      OperationEvent.read(json.length);
      T instance = schema.codec().decode(json);
      long version = schema.version(instance);
      if (version < 0 || version > MAX_VERSION) {
        throw new DocumentFormatException(
            outOfRange(version) + ", so that every version can be followed by a write");
      }
      return instance;
    }
  }
}
