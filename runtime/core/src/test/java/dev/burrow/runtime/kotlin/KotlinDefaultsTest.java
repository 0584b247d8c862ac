package dev.burrow.runtime.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.MisuseException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import kotlin.jvm.internal.DefaultConstructorMarker;
import org.junit.jupiter.api.Test;

/**
 * The defaults constructor as kotlinc emits it for {@code class Greeting(val name: String, val
 * times: Int = 3, val text: String = name + "!")}, written out in Java: package-private, as kotlinc
 * makes it for an internal or package-private constructor, so that only a lookup from this package
 * reaches it.
 */
class KotlinDefaultsTest {

  static final class Greeting {
    final String name;
    final int times;
    final String text;

    Greeting(String name, int times, String text) {
      this.name = name;
      this.times = times;
      this.text = text;
    }

    Greeting(String name, int times, String text, int mask, DefaultConstructorMarker marker) {
      this(
          name,
          (mask & 0b10) != 0 ? 3 : times,
          (mask & 0b100) != 0 ? (name.isEmpty() ? fail() : name + "!") : text);
    }

    private static String fail() {
      throw new IllegalArgumentException("no name");
    }
  }

  private static final MethodHandle DEFAULTS =
      KotlinDefaults.constructor(
          MethodHandles.lookup(), Greeting.class, String.class, int.class, String.class);

  private static Greeting greeting(String name, int times, String text, int mask) {
    try {
      return (Greeting) DEFAULTS.invokeExact(name, times, text, mask);
    } catch (Throwable e) {
      throw KotlinDefaults.rethrow(e);
    }
  }

  @Test
  void theHandleTakesTheParametersAndOneMaskAndComputesTheMaskedDefaults() {
    assertEquals(
        MethodType.methodType(Greeting.class, String.class, int.class, String.class, int.class),
        DEFAULTS.type());
    Greeting defaulted = greeting("Ada", 0, "", 0b110);
    assertEquals(3, defaulted.times);
    assertEquals("Ada!", defaulted.text, "a default may use an earlier parameter");
    Greeting given = greeting("Ada", 5, "hi", 0);
    assertEquals(5, given.times);
    assertEquals("hi", given.text);
  }

  @Test
  void uncheckedExceptionsOfTheConstructorPassThroughUnchanged() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> greeting("", 0, "", 0b100));
    assertEquals("no name", e.getMessage());
    IOException checked = new IOException("disk");
    UndeclaredThrowableException wrapped =
        (UndeclaredThrowableException) KotlinDefaults.rethrow(checked);
    assertSame(checked, wrapped.getUndeclaredThrowable());
    Error error = new AssertionError("error");
    assertSame(error, assertThrows(AssertionError.class, () -> KotlinDefaults.rethrow(error)));
  }

  @Test
  void aLookupFromOutsideThePackageCannotReachAPackagePrivateConstructor() {
    MisuseException e =
        assertThrows(
            MisuseException.class,
            () ->
                KotlinDefaults.constructor(
                    MethodHandles.publicLookup(),
                    Greeting.class,
                    String.class,
                    int.class,
                    String.class));
    assertTrue(e.getMessage().contains("rebuild both"), e.getMessage());
  }

  @Test
  void aClassWithoutThatConstructorIsAMisuseNamingIt() {
    MisuseException e =
        assertThrows(
            MisuseException.class,
            () -> KotlinDefaults.constructor(MethodHandles.lookup(), Greeting.class, String.class));
    assertTrue(e.getMessage().startsWith(Greeting.class.getName() + " has no Kotlin defaults"));
  }

  /** 33 parameters need a second mask; this constructor says which mask bits it was given. */
  static final class Wide {
    final int firstMask;
    final int secondMask;

    Wide(
        int p0,
        int p1,
        int p2,
        int p3,
        int p4,
        int p5,
        int p6,
        int p7,
        int p8,
        int p9,
        int p10,
        int p11,
        int p12,
        int p13,
        int p14,
        int p15,
        int p16,
        int p17,
        int p18,
        int p19,
        int p20,
        int p21,
        int p22,
        int p23,
        int p24,
        int p25,
        int p26,
        int p27,
        int p28,
        int p29,
        int p30,
        int p31,
        int p32,
        int firstMask,
        int secondMask,
        DefaultConstructorMarker marker) {
      this.firstMask = firstMask;
      this.secondMask = secondMask;
    }
  }

  @Test
  void thirtyThreeParametersTakeTwoMasks() throws Throwable {
    Class<?>[] parameters = new Class<?>[33];
    Arrays.fill(parameters, int.class);
    MethodHandle wide = KotlinDefaults.constructor(MethodHandles.lookup(), Wide.class, parameters);
    Object[] arguments = new Object[35];
    Arrays.fill(arguments, 0);
    arguments[33] = 1 << 31;
    arguments[34] = 1;
    Wide made = (Wide) wide.invokeWithArguments(arguments);
    assertEquals(1 << 31, made.firstMask);
    assertEquals(1, made.secondMask, "parameter 32 is bit 0 of the second mask");
  }
}
