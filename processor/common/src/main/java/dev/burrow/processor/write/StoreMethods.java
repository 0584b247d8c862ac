package dev.burrow.processor.write;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Modifier;

/**
 * What the generators of {@code XStore}'s methods share: the builder of a public method whose
 * Javadoc {@link JavadocText} lays out, and the {@code @throws} clauses several methods repeat.
 */
final class StoreMethods {
  static final String THROWS_ID =
      "@throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched";
  static final String THROWS_NOT_FOUND =
      "@throws dev.burrow.InstanceNotFoundException if there is no such instance";
  static final String THROWS_CORRUPT =
      "@throws dev.burrow.CorruptInstanceException naming the file if it cannot be read";

  private StoreMethods() {}

  /** A public method of the store; {@code doc} is a JavaPoet format for {@code args}. */
  static MethodSpec.Builder method(String name, TypeName returns, String doc, Object... args) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(JavadocText.wrap(doc, args), args)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  /** Javadoc clauses, one a line; empty ones are left out. */
  static String lines(String... clauses) {
    return String.join("\n", java.util.Arrays.stream(clauses).filter(c -> !c.isEmpty()).toList());
  }
}
