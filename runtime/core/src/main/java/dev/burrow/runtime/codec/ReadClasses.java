package dev.burrow.runtime.codec;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JavaType;

/**
 * The classes Jackson may create when it reads a value: its class, its type arguments, and, for a
 * class outside the JDK, the types of its fields (a record's components, a Kotlin class's
 * properties), at any depth, each once. It may name more than Jackson reads (a field Jackson
 * ignores), never fewer.
 */
final class ReadClasses {
  private static final List<String> JDK_PACKAGES =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private final Set<Class<?>> seen = new LinkedHashSet<>();

  private ReadClasses() {}

  /** The classes Jackson may create when it reads a value of {@code type}. */
  static Set<Class<?>> of(JavaType type) {
    ReadClasses classes = new ReadClasses();
    classes.add(type);
    return classes.seen;
  }

  private void add(JavaType type) {
    add(type.getRawClass());
    for (int i = 0; i < type.containedTypeCount(); i++) {
      add(type.containedTypeOrUnknown(i));
    }
  }

  private void add(Type type) {
    if (type instanceof Class<?> raw) {
      add(raw);
    } else if (type instanceof ParameterizedType parameterized) {
      add(parameterized.getRawType());
      for (Type argument : parameterized.getActualTypeArguments()) {
        add(argument);
      }
    } else if (type instanceof GenericArrayType array) {
      add(array.getGenericComponentType());
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        add(bound);
      }
    }
    // A type variable names no class: the class that binds it is walked where it is bound.
  }

  private void add(Class<?> type) {
    if (type.isArray()) {
      add(type.getComponentType());
      return;
    }
    if (type.isPrimitive() || !seen.add(type) || type.isEnum() || jdk(type)) {
      return;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          add(field.getGenericType());
        }
      }
    }
  }

  /** Whether {@code type} is one of the JDK's own classes. */
  static boolean jdk(Class<?> type) {
    String name = type.getName();
    return JDK_PACKAGES.stream().anyMatch(name::startsWith);
  }
}
