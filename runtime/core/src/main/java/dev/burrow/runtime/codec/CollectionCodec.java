package dev.burrow.runtime.codec;

import java.util.Collection;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** A list or set as a JSON array; {@code null} elements are kept. */
final class CollectionCodec<C extends Collection<E>, E> implements ValueCodec<C> {
  private final ValueCodec<E> elements;
  private final Supplier<C> factory;

  CollectionCodec(ValueCodec<E> elements, Supplier<C> factory) {
    this.elements = elements;
    this.factory = factory;
  }

  @Override
  public void write(JsonGenerator out, C value) {
    out.writeStartArray();
    for (E element : value) {
      Tokens.writeOrNull(out, elements, element);
    }
    out.writeEndArray();
  }

  @Override
  public C read(JsonParser in) {
    Tokens.expect(in, JsonToken.START_ARRAY, "an array");
    C result = factory.get();
    int index = 0;
    for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
      if (token == null) {
        throw Tokens.mismatch(in, "an array element or ]");
      }
      try {
        result.add(token == JsonToken.VALUE_NULL ? null : elements.read(in));
      } catch (DocumentFormatException e) {
        throw new DocumentFormatException("element " + index + ": " + e.getMessage(), e.getCause());
      }
      index++;
    }
    return result;
  }
}
