package dev.burrow.test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A misdeclared parameter of a test class's constructor is named as its source declares it: by its
 * place among the constructor's own parameters (an inner class's constructor also takes the
 * enclosing instance, which the source does not show) and as a constructor's, not as a method named
 * after the class.
 */
class ConstructorParameterTest {
  static final class WrongTypeProbe {
    WrongTypeProbe(@TempDatabase String notADataSource) {}

    @Test
    void runs() {}
  }

  static final class EnclosingProbe {
    @Nested
    class WrongTypeProbe {
      WrongTypeProbe(@TempDatabase String notADataSource) {}

      @Test
      void runs() {}
    }
  }

  @Test
  void aConstructorParameterIsNamedAsTheConstructorsFirst() {
    assertNamed(
        WrongTypeProbe.class, ProbeRun.onlyFailure(ProbeRun.run(WrongTypeProbe.class, Map.of())));
  }

  @Test
  void anInnerClassConstructorParameterIsNamedAsTheConstructorsFirst() {
    assertNamed(
        EnclosingProbe.WrongTypeProbe.class,
        ProbeRun.onlyFailure(ProbeRun.run(EnclosingProbe.class, Map.of())));
  }

  private static void assertNamed(Class<?> probe, Throwable failure) {
    assertInstanceOf(ExtensionConfigurationException.class, failure);
    String message = failure.getMessage();
    assertTrue(message.startsWith("@TempDatabase on parameter 1 "), message);
    assertTrue(
        message.contains(
            " of the constructor of " + probe.getName() + " is a java.lang.String; @TempDatabase"),
        message);
  }
}
