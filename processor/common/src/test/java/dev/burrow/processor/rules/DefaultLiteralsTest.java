package dev.burrow.processor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.processor.model.ScalarType;
import org.junit.jupiter.api.Test;

class DefaultLiteralsTest {

  @Test
  void numbersTakeTheFormJavaPrints() {
    assertEquals("7", DefaultLiterals.canonical(ScalarType.INT, "007"), "never an octal literal");
    assertEquals("5", DefaultLiterals.canonical(ScalarType.LONG, "+5"));
    assertEquals("1.0E10", DefaultLiterals.canonical(ScalarType.DOUBLE, "1e10"));
    assertEquals("-Infinity", DefaultLiterals.canonical(ScalarType.FLOAT, "-Infinity"));
  }

  @Test
  void otherLiteralsAreCheckedAndKeptAsWritten() {
    assertEquals("PT15M", DefaultLiterals.canonical(ScalarType.DURATION, "PT15M"));
    assertEquals("1.50", DefaultLiterals.canonical(ScalarType.BIG_DECIMAL, "1.50"));
    assertThrows(
        IllegalArgumentException.class, () -> DefaultLiterals.canonical(ScalarType.BOOLEAN, "yes"));
    assertThrows(
        RuntimeException.class, () -> DefaultLiterals.canonical(ScalarType.INSTANT, "now"));
    assertThrows(
        IllegalArgumentException.class, () -> DefaultLiterals.canonical(ScalarType.PATH, ""));
  }
}
