package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes one document: a JSON object with one field per component, indented for people, in UTF-8
 * and ending with a newline. Used by generated codecs; not thread-safe. A value its codec refuses
 * (a null inside a list, set or map) fails with a {@link MisuseException} naming the field.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 */
public final class DocumentWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
  private final JsonGenerator out;

  /** Starts a document. */
  public DocumentWriter() {
    out = BurrowJson.prettyWriter().createGenerator(bytes);
    out.writeStartObject();
  }

  /**
   * Writes the field {@code name} with {@code value}, or JSON {@code null}.
   *
   * @throws MisuseException naming the field if the codec cannot write {@code value} (for example a
   *     null inside a collection whose elements may not be null)
   */
  public <V> DocumentWriter field(String name, ValueCodec<V> codec, @Nullable V value) {
    out.writeName(name);
    try {
      Tokens.writeOrNull(out, codec, value);
    } catch (MisuseException e) {
      throw new MisuseException("field '" + name + "': " + e.getMessage(), e);
    }
    return this;
  }

  /** Writes a field holding a JSON number, as used for the {@code @Version} counter. */
  public DocumentWriter number(String name, long value) {
    out.writeName(name);
    out.writeNumber(value);
    return this;
  }

  /** Ends the document and returns its bytes. */
  public byte[] finish() {
    out.writeEndObject();
    out.close();
    bytes.write('\n');
    return bytes.toByteArray();
  }
}
