package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import java.util.Collection;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A list or set as a JSON array. Unless the element type admits null (Kotlin's {@code
 * List<String?>}), a null element is refused when written and reported as damage when read.
 */
final class CollectionCodec<C extends Collection<E>, E extends @Nullable Object>
    implements ValueCodec<C> {
  private final ElementCodec<E> elements;
  private final Supplier<C> factory;

  CollectionCodec(ElementCodec<E> elements, Supplier<C> factory) {
    this.elements = elements;
    this.factory = factory;
  }

  ValueCodec<?> elements() {
    return elements.codec();
  }

  boolean nullable() {
    return elements.nullable();
  }

  @Override
  public void write(JsonGenerator out, C value) {
    out.writeStartArray();
    int index = 0;
    for (E element : value) {
      if (element != null) {
        elements.write(out, element);
      } else if (elements.nullable()) {
        out.writeNull();
      } else {
        throw new MisuseException(
            "a list or set holds null at position "
                + index
                + "; its elements are not declared nullable");
      }
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
          if (!elements.nullable()) {
            throw new DocumentFormatException(
                "null is not allowed, the elements are not nullable " + Tokens.where(in));
          }
          result.add(elements.nullElement());
        } else {
          result.add(elements.read(in));
        }
      } catch (DocumentFormatException e) {
        throw new DocumentFormatException("element " + index + ": " + e.getMessage(), e.getCause());
      }
      index++;
    }
    return result;
  }
}
