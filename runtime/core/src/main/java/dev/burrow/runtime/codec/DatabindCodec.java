package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A nested value (a record, a class) written and read by Jackson databind. A type that Jackson
 * could write but not read back ({@link BurrowJson#requireReadable}), or that holds one at any
 * depth ({@link ReadClasses}), is refused both ways.
 */
final class DatabindCodec<V> implements ValueCodec<V> {
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final @Nullable String unreadable;

  DatabindCodec(JsonMapper mapper, JavaType type) {
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type);
    this.unreadable =
        ReadClasses.of(type).stream()
            .flatMap(c -> Stream.ofNullable(BurrowJson.unreadable(c)))
            .findFirst()
            .orElse(null);
  }

  @Override
  public void write(JsonGenerator out, V value) {
    refuseUnreadable();
    writer.writeValue(out, value);
  }

  @Override
  public V read(JsonParser in) {
    refuseUnreadable();
    String where = Tokens.where(in);
    try {
      return reader.readValue(in);
    } catch (JacksonException e) {
      throw new DocumentFormatException(
          e.getOriginalMessage() + " " + where, JsonReadFailure.of(e, in));
    }
  }

  private void refuseUnreadable() {
    if (unreadable != null) {
      throw new MisuseException(unreadable);
    }
  }
}
