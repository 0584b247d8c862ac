package dev.burrow.runtime.codec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The elements of a list or set, or the values of a map, as a type {@code T} that admits null
 * exactly where the elements may be null: {@link #required} for {@code List<E>}, {@link #optional}
 * for {@code List<@Nullable E>}. The collection and map codecs are typed by it, so that the codec
 * of a {@code List<@Nullable E>} is a {@code ValueCodec<List<@Nullable E>>} without any cast.
 */
abstract sealed class ElementCodec<T extends @Nullable Object>
    permits ElementCodec.Required, ElementCodec.Optional {
  private final ValueCodec<?> codec;

  private ElementCodec(ValueCodec<?> codec) {
    this.codec = codec;
  }

  /** Elements that are never null. */
  static <E> ElementCodec<E> required(ValueCodec<E> codec) {
    return new Required<>(codec);
  }

  /** Elements that may be null. */
  static <E> ElementCodec<@Nullable E> optional(ValueCodec<E> codec) {
    return new Optional<>(codec);
  }

  /** The codec of a non-null element. */
  final ValueCodec<?> codec() {
    return codec;
  }

  /** Whether an element may be null. */
  abstract boolean nullable();

  /** Writes {@code element}; callers write a null element themselves. */
  abstract void write(JsonGenerator out, T element);

  /** Reads the element at the parser's current token, which is not {@code VALUE_NULL}. */
  abstract T read(JsonParser in);

  /** The element a JSON null reads as; only where {@link #nullable}. */
  abstract T nullElement();

  static final class Required<E> extends ElementCodec<E> {
    private final ValueCodec<E> elements;

    private Required(ValueCodec<E> elements) {
      super(elements);
      this.elements = elements;
    }

    @Override
    boolean nullable() {
      return false;
    }

    @Override
    void write(JsonGenerator out, E element) {
      elements.write(out, element);
    }

    @Override
    E read(JsonParser in) {
      return elements.read(in);
    }

    @Override
    E nullElement() {
      throw new IllegalStateException("the elements are not nullable");
    }
  }

  static final class Optional<E> extends ElementCodec<@Nullable E> {
    private final ValueCodec<E> elements;

    private Optional(ValueCodec<E> elements) {
      super(elements);
      this.elements = elements;
    }

    @Override
    boolean nullable() {
      return true;
    }

    @Override
    void write(JsonGenerator out, @Nullable E element) {
      Tokens.writeOrNull(out, elements, element);
    }

    @Override
    @Nullable E read(JsonParser in) {
      return elements.read(in);
    }

    @Override
    @Nullable E nullElement() {
      return null;
    }
  }
}
