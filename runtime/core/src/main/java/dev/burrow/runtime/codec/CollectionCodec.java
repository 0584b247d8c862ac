package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import java.util.Collection;
import java.util.function.Supplier;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A list or set as a JSON array. Elements are never null: a null element is refused when written
 * and reported as damage when read.
 */
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
    int index = 0;
    for (E element : value) {
      if (element == null) {
        throw new MisuseException(
            "a list or set holds null at position "
                + index
                + "; elements of a list or set cannot be null");
      }
      elements.write(out, element);
      index++;
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
        if (token == JsonToken.VALUE_NULL) {
          throw new DocumentFormatException(
              "null is not allowed, elements cannot be null " + Tokens.where(in));
        }
        result.add(elements.read(in));
      } catch (DocumentFormatException e) {
        throw new DocumentFormatException("element " + index + ": " + e.getMessage(), e.getCause());
      }
      index++;
    }
    return result;
  }
}
