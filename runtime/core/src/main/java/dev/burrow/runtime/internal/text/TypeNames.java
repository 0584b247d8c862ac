package dev.burrow.runtime.internal.text;

import java.lang.reflect.Modifier;

/** The name a message gives a value's class, so that the user recognises it. */
public final class TypeNames {
  private TypeNames() {}

  /**
   * The simple name of {@code type}, or its binary name ({@link Class#getName}) where the simple
   * name is empty (an anonymous or hidden class) or names a JDK class the user never wrote (a
   * non-public one such as {@code java.util.ImmutableCollections$Map1}, which {@code Map.of}
   * returns).
   */
  public static String of(Class<?> type) {
    String simple = type.getSimpleName();
    boolean jdkInternal =
        !Modifier.isPublic(type.getModifiers())
            && (type.getClassLoader() == null
                || type.getClassLoader() == ClassLoader.getPlatformClassLoader());
    return simple.isEmpty() || type.isHidden() || jdkInternal ? type.getName() : simple;
  }
}
