package dev.burrow.runtime.codec;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** A nested value (a record, a class) written and read by Jackson databind. */
final class DatabindCodec<V> implements ValueCodec<V> {
  private final ObjectReader reader;
  private final ObjectWriter writer;

  DatabindCodec(JsonMapper mapper, JavaType type) {
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type);
  }

  @Override
  public void write(JsonGenerator out, V value) {
    writer.writeValue(out, value);
  }

  @Override
  public V read(JsonParser in) {
    String where = Tokens.where(in);
    try {
      return reader.readValue(in);
    } catch (JacksonException e) {
      throw new DocumentFormatException(e.getOriginalMessage() + " " + where, e);
    }
  }
}
