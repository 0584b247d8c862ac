package dev.burrow.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit Jupiter extension behind {@link TempStore}: {@code @TempStore} registers it, so a test
 * never names it. It opens one store per annotated parameter and field, and closes and removes each
 * when the test (or, for a parameter of a class-level method, the class) is done. Needs JUnit
 * Jupiter 5.13 or newer, which closes what an extension leaves in its store.
 *
 * <p><b>What fails a test, and with what.</b> Where the test itself is declared wrong, it fails
 * with the exceptions JUnit expects from an extension, each naming the parameter or field and what
 * {@code @TempStore} needs: {@link org.junit.jupiter.api.extension.ParameterResolutionException}
 * for a type that has no generated store's static {@code open}, {@link
 * ExtensionConfigurationException} for a static or final field and for a {@link TestDatabase}
 * member that is not static, takes parameters, fails or holds no {@code DataSource}. A temporary
 * root that cannot be made, or a store that cannot be closed and removed afterwards, fails it with
 * {@link dev.burrow.StorageException}; what the store's {@code open} throws is passed on as it is.
 */
public final class TempStoreExtension implements ParameterResolver, BeforeEachCallback {
  /** Registered by {@link TempStore}; needs no configuration. */
  public TempStoreExtension() {}

  /** Whether the parameter is annotated {@link TempStore}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.isAnnotated(TempStore.class);
  }

  /**
   * A new store of the parameter's type on a fresh temporary root (or the configured database),
   * closed and removed after the test.
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Parameter declared = parameter.getParameter();
    TempStore settings = parameter.findAnnotation(TempStore.class).orElseThrow();
    return TempStores.open(
        declared.getType(),
        settings,
        "parameter "
            + (parameter.getIndex() + 1)
            + (declared.isNamePresent() ? " '" + declared.getName() + "'" : "")
            + " of "
            + declared.getDeclaringExecutable().getDeclaringClass().getSimpleName()
            + "."
            + declared.getDeclaringExecutable().getName(),
        context);
  }

  /**
   * Fills every {@code @TempStore} field of the test instance, and of the instances enclosing it.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field : annotatedFields(instance.getClass())) {
        TempStore settings = field.getAnnotation(TempStore.class);
        String where = "field '" + field.getName() + "' of " + field.getDeclaringClass().getName();
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
          throw new ExtensionConfigurationException(
              "@TempStore "
                  + where
                  + " is static or final; a store is made for each test, so declare it as a"
                  + " non-static, non-final field (Kotlin: lateinit var) or as a test method's"
                  + " parameter");
        }
        fill(field, instance, TempStores.open(field.getType(), settings, where, context), where);
      }
    }
  }

  private static void fill(Field field, Object instance, Object store, String where) {
    try {
      field.setAccessible(true);
      field.set(instance, store);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "cannot set @TempStore "
              + where
              + ": "
              + e.getMessage()
              + " (a test in a named module must open its package to dev.burrow.test)",
          e);
    }
  }

  private static List<Field> annotatedFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.isAnnotationPresent(TempStore.class)) {
          fields.add(field);
        }
      }
    }
    return fields;
  }
}
