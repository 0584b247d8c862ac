package dev.burrow.runtime.kotlin;

import dev.burrow.MisuseException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;

/**
 * Calls the constructor that the Kotlin compiler emits beside every constructor with default
 * values, so that generated code gets a Kotlin class's own defaults: {@code <init>(parameters...,
 * int mask..., kotlin.jvm.internal.DefaultConstructorMarker)}, one mask per 32 parameters, where
 * bit {@code i % 32} of mask {@code i / 32} set means "parameter {@code i} takes its default",
 * computed by the class's own code in declaration order (so a default may use earlier parameters),
 * whatever value is passed in its place.
 *
 * <p>For generated code only, not a user API. The caller passes its own {@link
 * MethodHandles#lookup()}: code generated into the class's package may reach the constructor,
 * including a package-private one, and needs no {@code opens} under the module system.
 */
public final class KotlinDefaults {
  private static final String MARKER = "kotlin.jvm.internal.DefaultConstructorMarker";

  private KotlinDefaults() {}

  /**
   * The handle of {@code type}'s defaults constructor for its constructor taking {@code
   * parameters}, with the marker bound: its type is {@code (parameters..., int mask...)type}, for
   * {@link MethodHandle#invokeExact}. Looked up once; calls cost about what a constructor call
   * costs.
   *
   * @param lookup the caller's own lookup, from {@code MethodHandles.lookup()}
   * @param type the Kotlin class
   * @param parameters the constructor's parameter types
   * @throws MisuseException if {@code type} has no such constructor or {@code lookup} cannot reach
   *     it: the class was compiled apart from the code generated for it
   */
  public static MethodHandle constructor(
      MethodHandles.Lookup lookup, Class<?> type, Class<?>... parameters) {
    int masks = (parameters.length + Integer.SIZE - 1) / Integer.SIZE;
    Class<?>[] signature = Arrays.copyOf(parameters, parameters.length + masks + 1);
    Arrays.fill(signature, parameters.length, parameters.length + masks, int.class);
    try {
      signature[signature.length - 1] = Class.forName(MARKER, false, type.getClassLoader());
      MethodHandle constructor =
          lookup.findConstructor(type, MethodType.methodType(void.class, signature));
      return MethodHandles.insertArguments(constructor, signature.length - 1, (Object) null);
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      throw new MisuseException(
          type.getName()
              + " has no Kotlin defaults constructor taking "
              + Arrays.toString(parameters)
              + " that "
              + lookup.lookupClass().getName()
              + " can call ("
              + e
              + "); it was compiled apart from the code generated for it: rebuild both");
    }
  }

  /**
   * What generated code throws when the constructor threw {@code thrown}: {@code thrown} itself if
   * it is unchecked (Kotlin does not check exceptions), else an {@link
   * UndeclaredThrowableException} around it.
   */
  public static RuntimeException rethrow(Throwable thrown) {
    if (thrown instanceof RuntimeException unchecked) {
      return unchecked;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    return new UndeclaredThrowableException(thrown);
  }
}
