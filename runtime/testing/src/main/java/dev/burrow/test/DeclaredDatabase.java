package dev.burrow.test;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Finds the data source a test class declares with {@link TestDatabase}. */
final class DeclaredDatabase {
  private DeclaredDatabase() {}

  /**
   * The data source of the {@link TestDatabase} member of {@code testClass} or a class enclosing
   * it, or null if there is none; {@code where} (the parameter or field) is for messages. Each of
   * those classes is searched with its superclasses, nearest first, as {@code @TempStore} fields
   * are: a base class of tests can declare the database.
   *
   * @throws ExtensionConfigurationException if the member is not static, takes parameters, cannot
   *     be read (in a named module that does not open its package to {@code dev.burrow.test}),
   *     fails or holds no data source
   */
  static @Nullable DataSource of(Class<?> testClass, String where) {
    Member member = memberOf(testClass);
    if (member instanceof Field field) {
      return value(field, where, () -> field.get(null));
    }
    if (member instanceof Method method) {
      if (method.getParameterCount() != 0) {
        throw misdeclared(method, where, "takes parameters");
      }
      return value(method, where, () -> method.invoke(null));
    }
    return null;
  }

  /**
   * Whether {@code testClass} or a class enclosing it declares a {@link TestDatabase} member, found
   * as {@link #of} finds it; the member is not read.
   */
  static boolean isDeclared(Class<?> testClass) {
    return memberOf(testClass) != null;
  }

  private static @Nullable Member memberOf(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        Member declared = declaredBy(k);
        if (declared != null) {
          return declared;
        }
      }
    }
    return null;
  }

  private static @Nullable Member declaredBy(Class<?> type) {
    for (Field field : type.getDeclaredFields()) {
      if (field.isAnnotationPresent(TestDatabase.class)) {
        return field;
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (method.isAnnotationPresent(TestDatabase.class)) {
        return method;
      }
    }
    return null;
  }

  private interface Read {
    @Nullable Object value() throws IllegalAccessException, InvocationTargetException;
  }

  private static <M extends AccessibleObject & Member> DataSource value(
      M member, String where, Read read) {
    if (!Modifier.isStatic(member.getModifiers())) {
      throw misdeclared(member, where, "is not static");
    }
    Object value;
    try {
      member.setAccessible(true);
      value = read.value();
    } catch (IllegalAccessException | InaccessibleObjectException e) {
      throw new ExtensionConfigurationException(
          "@TestDatabase "
              + member
              + " cannot be read: "
              + e.getMessage()
              + " (a test in a named module must open its package to dev.burrow.test)",
          e);
    } catch (InvocationTargetException e) {
      throw new ExtensionConfigurationException(
          "@TestDatabase " + member + " failed: " + e.getCause(), e.getCause());
    }
    if (!(value instanceof DataSource dataSource)) {
      throw misdeclared(member, where, "holds " + (value == null ? "null" : value.getClass()));
    }
    return dataSource;
  }

  private static ExtensionConfigurationException misdeclared(
      Member member, String where, String problem) {
    return new ExtensionConfigurationException(
        "@TestDatabase "
            + member
            + " (for @TempStore on "
            + where
            + ") "
            + problem
            + "; declare a static DataSource field, or a static no-argument method returning one");
  }
}
