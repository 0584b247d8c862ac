package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptInstanceException;
import dev.burrow.MisuseException;
import dev.burrow.runtime.codec.DocumentFormatException;
import dev.burrow.runtime.codec.DocumentShape;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A schema of raw documents for a kind known only by its {@link KindDescription}: a backend opened
 * with it reads and writes documents as bytes, checking only that each is a JSON object with the
 * managed fields. It makes no fresh instance and stamps nothing; it is for moving documents, never
 * for creating or updating them.
 */
public final class RawSchema implements InstanceSchema<RawDocument> {
  /**
   * Refuses a repeated member, as every Burrow codec does ({@code BurrowJson}): a document holding
   * one is damaged, not merely of another shape, so that {@code fsck --repair} moves it aside.
   */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final KindDescription description;
  private final InstanceLayout layout;
  private final InstanceCodec<RawDocument> codec;

  /**
   * Whether {@code schema} is a raw schema, also when a store engine wrapped it in a {@link
   * CheckedSchema}: backends leave the indexes of a raw schema's kind alone, since it cannot say
   * which components are indexed.
   */
  public static boolean isRaw(InstanceSchema<?> schema) {
    return (schema instanceof CheckedSchema<?> checked ? checked.unchecked() : schema)
        instanceof RawSchema;
  }

  public RawSchema(KindDescription description) {
    this.description = description;
    this.layout =
        new InstanceLayout(
            description.kind(), description.subdirectories(), null, ".", description.idKind());
    this.codec =
        new InstanceCodec<>() {
          @Override
          public byte[] encode(RawDocument instance) {
            return instance.json();
          }

          @Override
          public RawDocument decode(byte[] json) {
            return parse(json, ""); // messages name the kind around it (documentName)
          }
        };
  }

  /**
   * How messages name a document of {@code schema}: {@code Task document} after the user's type, or
   * {@code document of kind 'tasks'} for a raw schema, whose type is Burrow's own.
   */
  public static String documentName(InstanceSchema<?> schema) {
    InstanceSchema<?> unwrapped =
        schema instanceof CheckedSchema<?> checked ? checked.unchecked() : schema;
    return unwrapped instanceof RawSchema raw
        ? "document of kind '" + raw.description().kind() + "'"
        : schema.type().getSimpleName() + " document";
  }

  /** How a reader names a document its schema refuses: where it is, and why. */
  @FunctionalInterface
  public interface Refusal {
    CorruptInstanceException of(String reason, Throwable cause);
  }

  /**
   * Decodes a stored document with {@code schema}'s codec, as every reader does: a document the
   * codec refuses is damage, reported by {@code refusal} with why, named as {@link #documentName}
   * names it; a set-up that cannot read any document of the kind ({@link MisuseException}, a closed
   * module) is no damage and is thrown as it is.
   */
  public static <T> T decode(InstanceSchema<T> schema, byte[] json, Refusal refusal) {
    try {
      return schema.codec().decode(json);
    } catch (MisuseException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // Never Jackson's exception itself, which holds the parser and with it the document.
      throw refusal.of(
          "not a valid " + documentName(schema) + ": " + e.getMessage(),
          Objects.requireNonNull(JsonReadFailure.detach(e)));
    }
  }

  /**
   * The document in {@code json}, which must be well-formed UTF-8 (checked first, one decoding
   * pass: bytes that are not are damage, never a shape mismatch), its managed fields read by this
   * kind's names, checked against the kind's document shape if it records one.
   *
   * @throws IllegalArgumentException naming what is wrong if {@code json} is no such document, a
   *     {@link ManagedFieldsMismatchException} if it is an object without the ID or version by the
   *     recorded names, a {@link ShapeMismatchException} if only the shape refuses it
   */
  public RawDocument parse(byte[] json) {
    return parse(json, "not a document of kind '" + description.kind() + "': ");
  }

  private RawDocument parse(byte[] json, String context) {
    try {
      // Before the lenient parser, which takes overlong forms and encoded surrogates: such a
      // document is damaged, not one the recorded shape alone refuses. Cost: one decoding pass.
      StrictUtf8.check(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(context + e.getMessage(), e);
    }
    JsonNode document;
    try {
      document = JSON.readTree(json);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new IllegalArgumentException(
          context
              + "malformed JSON: "
              + JsonErrors.plain(e)
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()),
          JsonReadFailure.of(e));
    }
    ManagedFields fields = description.fields();
    JsonNode id = document.path(fields.id());
    JsonNode version = document.path(fields.version());
    Long number = wholeNumber(version);
    if (!id.isString() || number == null) {
      String why =
          context
              + "no string '"
              + fields.id()
              + "' and whole-number '"
              + fields.version()
              + "' field";
      // Of an object, the recorded names may be what is wrong; anything else is no document.
      throw document.isObject()
          ? new ManagedFieldsMismatchException(why)
          : new IllegalArgumentException(why);
    }
    DocumentShape shape = description.shape();
    if (shape != null) {
      try {
        shape.check(json);
      } catch (DocumentFormatException e) {
        throw new ShapeMismatchException(context + e.getMessage(), e);
      }
    }
    return new RawDocument(
        id.asString(),
        number,
        text(document, fields.createdAt()),
        text(document, fields.updatedAt()),
        json);
  }

  /** A JSON whole number, or a string of one (as some codecs write 64-bit numbers); else null. */
  static @Nullable Long wholeNumber(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isString()) {
      try {
        return Long.parseLong(node.asString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable String text(JsonNode document, @Nullable String field) {
    if (field == null) {
      return null;
    }
    JsonNode value = document.path(field);
    return value.isString() ? value.asString() : null;
  }

  /** The description this schema was made from. */
  public KindDescription description() {
    return description;
  }

  @Override
  public Class<RawDocument> type() {
    return RawDocument.class;
  }

  @Override
  public InstanceLayout layout() {
    return layout;
  }

  @Override
  public InstanceCodec<RawDocument> codec() {
    return codec;
  }

  @Override
  public String id(RawDocument instance) {
    return instance.id();
  }

  @Override
  public long version(RawDocument instance) {
    return instance.version();
  }

  @Override
  public @Nullable Instant createdAt(RawDocument instance) {
    String createdAt = instance.createdAt();
    return createdAt == null ? null : Instant.parse(createdAt);
  }

  @Override
  public RawDocument fresh(String id) {
    throw refused("create");
  }

  @Override
  public RawDocument stamp(
      RawDocument instance, long version, Instant createdAt, Instant updatedAt) {
    throw refused("update");
  }

  private MisuseException refused(String what) {
    return new MisuseException(
        "a store of raw documents of kind '"
            + description.kind()
            + "' cannot "
            + what
            + " instances: it only moves documents (export, import, migration)");
  }
}
