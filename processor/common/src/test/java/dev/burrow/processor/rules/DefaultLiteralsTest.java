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

  /**
   * What {@code Default}'s Javadoc says of integral literals, which is not Java syntax: decimal
   * digits only, leading zeros ignored.
   */
  @Test
  void integralLiteralsAreDecimalDigitsOnly() {
    assertEquals("10", DefaultLiterals.canonical(ScalarType.INT, "010"), "ten, not octal eight");
    assertEquals("10", DefaultLiterals.canonical(ScalarType.BIG_INTEGER, "010"));
    for (String literal :
        new String[] {"0x10", "1_000", "10L", "\u0661\u0662", "\uff11", "-\u0967"}) {
      for (ScalarType type :
          new ScalarType[] {
            ScalarType.BYTE,
            ScalarType.SHORT,
            ScalarType.INT,
            ScalarType.LONG,
            ScalarType.BIG_INTEGER
          }) {
        assertThrows(
            IllegalArgumentException.class,
            () -> DefaultLiterals.canonical(type, literal),
            type + " " + literal);
      }
    }
    assertEquals("8.0", DefaultLiterals.canonical(ScalarType.DOUBLE, "0x1p3"));
    assertEquals("NaN", DefaultLiterals.canonical(ScalarType.FLOAT, "NaN"));
  }

  /** As javac refuses {@code 1e39f}: the value would silently be an infinity or zero. */
  @Test
  void aFloatingPointLiteralOutOfItsTypesRangeIsRefused() {
    for (String literal : new String[] {"1e39", "-1e39", "1e-46", "0x1p-200"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DefaultLiterals.canonical(ScalarType.FLOAT, literal),
          literal);
    }
    for (String literal : new String[] {"1e309", "1e-325"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DefaultLiterals.canonical(ScalarType.DOUBLE, literal),
          literal);
    }
    assertEquals("1.0E39", DefaultLiterals.canonical(ScalarType.DOUBLE, "1e39"));
    assertEquals("1.4E-45", DefaultLiterals.canonical(ScalarType.FLOAT, "1.4e-45"));
    assertEquals("Infinity", DefaultLiterals.canonical(ScalarType.DOUBLE, "Infinity"));
    assertEquals("-0.0", DefaultLiterals.canonical(ScalarType.FLOAT, "-0.0"));
    assertEquals("0.0", DefaultLiterals.canonical(ScalarType.DOUBLE, "0x0.0p5"));
    assertEquals("0.0", DefaultLiterals.canonical(ScalarType.DOUBLE, "000e-999d"));
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

  /**
   * {@code UUID.fromString} also takes short groups ({@code "1-0-0-0-0"}) and other scripts'
   * digits, which {@code Default} does not: only the 8-4-4-4-12 form in ASCII hexadecimal digits.
   */
  @Test
  void aUuidIsTheCanonicalFormOnly() {
    assertEquals(
        "123e4567-e89b-12d3-a456-426614174000",
        DefaultLiterals.canonical(ScalarType.UUID, "123E4567-E89B-12D3-A456-426614174000"));
    for (String literal :
        new String[] {
          "1-0-0-0-0",
          "\u0661-0-0-0-0",
          "00000001-0000-0000-0000-00000000000\u0661",
          "0000000000000001-0000-0000-0000-000000000000",
          " 00000001-0000-0000-0000-000000000000"
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DefaultLiterals.canonical(ScalarType.UUID, literal),
          literal);
    }
  }

  /** As for whole numbers: {@code new BigDecimal(String)} also takes other scripts' digits. */
  @Test
  void aBigDecimalIsInAsciiDigitsOnly() {
    assertEquals("-1.5E+3", DefaultLiterals.canonical(ScalarType.BIG_DECIMAL, "-1.5e3"));
    assertEquals("0.5", DefaultLiterals.canonical(ScalarType.BIG_DECIMAL, ".5"));
    for (String literal : new String[] {"\u0661.\u0662", "1.\u0662", "1e\u0662", "\uff11"}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> DefaultLiterals.canonical(ScalarType.BIG_DECIMAL, literal),
          literal);
    }
  }
}
