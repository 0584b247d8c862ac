package dev.burrow.test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The JUnit Jupiter extension behind {@link TempStore} and {@link TempDatabase}: either annotation
 * registers it, so a test never names it. It opens one store or database per annotated parameter
 * and field, and closes and removes each when the test (or, for a parameter of a class-level
 * method, the class) is done. Needs JUnit Jupiter 5.13 or newer, which closes what an extension
 * leaves in its store.
 *
 * <p><b>What fails a test, and with what.</b> Where the test itself is declared wrong, it fails
 * with the exceptions JUnit expects from an extension, each naming the parameter or field and what
 * the annotation needs: {@link ExtensionConfigurationException} for a {@code @TempStore} type that
 * has no generated store's static {@code open}, or one the kit may not call (in a named module that
 * does not open the store's package to {@code dev.burrow.test}), a static or final field, a field
 * of a test instance that concurrent tests share ({@code @TestInstance(PER_CLASS)}, of the class or
 * of a {@code @Nested} class it encloses, under parallel execution in the concurrent mode), a
 * {@code @TempDatabase} that is not a {@code DataSource}, both annotations on one parameter or
 * field, and a {@link TestDatabase} member that is not static, takes parameters, cannot be read (in
 * a named module that does not open its package to {@code dev.burrow.test}), fails or holds no
 * {@code DataSource}. (JUnit reports what a parameter resolver throws as a {@code
 * ParameterResolutionException} whose cause it is; the {@code @TempDatabase} parameters of the test
 * method, of the test class's constructor and of its {@code @BeforeAll}, {@code @BeforeEach},
 * {@code @AfterEach} and {@code @AfterAll} methods are checked before, so theirs is thrown as it
 * is.) A temporary root or database that cannot be made, or a store or database that cannot be
 * closed and removed afterwards, fails it with {@link dev.burrow.StorageException}; what the
 * store's {@code open} throws is passed on as it is.
 */
public final class TempStoreExtension
    implements ParameterResolver,
        TestInstancePreConstructCallback,
        BeforeAllCallback,
        BeforeEachCallback {
  private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

  /** Registered by {@link TempStore} and {@link TempDatabase}; needs no configuration. */
  public TempStoreExtension() {}

  /** Whether the parameter is annotated {@link TempStore} or {@link TempDatabase}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.isAnnotated(TempStore.class) || parameter.isAnnotated(TempDatabase.class);
  }

  /**
   * A new store of the parameter's type on a fresh temporary root (or the configured database), or
   * a new database, closed and removed after the test.
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return open(
          parameter.findAnnotation(TempStore.class),
          parameter.isAnnotated(TempDatabase.class),
          parameter.getParameter().getType(),
          describe(parameter.getParameter(), parameter.getIndex()),
          context);
    } catch (TempStores.CheckedFailure e) {
      throw new ParameterResolutionException(e.getMessage(), e.getCause());
    }
  }

  /**
   * {@link ExtensionContextScope#TEST_METHOD}: a test class's constructor parameters are resolved
   * in the context of the test the new instance is made for, so that their stores are closed and
   * removed when that test is done (JUnit's default would keep them until the class is done, each
   * test adding an open store). Under {@code @TestInstance(PER_CLASS)} the one instance, and its
   * constructor's stores, live for the class.
   */
  @Override
  public TestInstantiationAwareExtension.ExtensionContextScope
      getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    return TestInstantiationAwareExtension.ExtensionContextScope.TEST_METHOD;
  }

  /**
   * Checks the test class's constructor's {@code @TempDatabase} and {@code @TempStore(storage =
   * POSTGRES)} parameters before JUnit resolves them, as {@link #beforeEach} checks the test
   * method's: a misdeclared one fails the test with its own exception, and a missing server skips
   * it (or fails it, where every test must run).
   */
  @Override
  public void preConstructTestInstance(
      TestInstanceFactoryContext factoryContext, ExtensionContext context) {
    Constructor<?>[] constructors = factoryContext.getTestClass().getDeclaredConstructors();
    if (constructors.length == 1) {
      checkParameters(constructors[0], context);
    }
  }

  /**
   * Checks the {@code @TempDatabase} and {@code @TempStore(storage = POSTGRES)} parameters of the
   * test class's {@code @BeforeAll} and {@code @AfterAll} methods, as {@link #beforeEach} checks
   * the test method's: a missing server skips the class's tests.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    checkLifecycleParameters(context.getRequiredTestClass(), BeforeAll.class, context);
    checkLifecycleParameters(context.getRequiredTestClass(), AfterAll.class, context);
  }

  /**
   * Checks the {@code @TempDatabase} and {@code @TempStore(storage = POSTGRES)} parameters of the
   * test method and of the {@code @BeforeEach} and {@code @AfterEach} methods that run around it,
   * and fills every {@code @TempStore} and {@code @TempDatabase} field of the test instance, and of
   * the instances enclosing it.
   *
   * <p>The parameters are checked here, before JUnit resolves them, so that a misdeclared one fails
   * the test with its own exception and a missing server skips it: what {@link #resolveParameter}
   * throws, JUnit wraps in a {@code ParameterResolutionException}, which fails the test.
   *
   * @throws Exception what a field's store's {@code open} threw, as it is (a checked exception
   *     included)
   */
  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      checkLifecycleParameters(instance.getClass(), BeforeEach.class, context);
      checkLifecycleParameters(instance.getClass(), AfterEach.class, context);
    }
    checkParameters(context.getRequiredTestMethod(), context);
    fillFields(context);
  }

  private static void checkLifecycleParameters(
      Class<?> testClass, Class<? extends Annotation> lifecycle, ExtensionContext context) {
    for (Method method :
        AnnotationSupport.findAnnotatedMethods(
            testClass, lifecycle, HierarchyTraversalMode.TOP_DOWN)) {
      checkParameters(method, context);
    }
  }

  private static void checkParameters(Executable executable, ExtensionContext context) {
    Parameter[] parameters = executable.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      String where = describe(parameters[i], i);
      TempStore store = parameters[i].getAnnotation(TempStore.class);
      if (parameters[i].isAnnotationPresent(TempDatabase.class)) {
        refuseBoth(store != null, where);
        TempDatabases.check(parameters[i].getType(), where, context);
      } else if (store != null && store.storage() == TempStore.Storage.POSTGRES) {
        TempStores.checkDatabase(where, context);
      }
    }
  }

  private static void fillFields(ExtensionContext context) throws Exception {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Field field : annotatedFields(instance.getClass())) {
        boolean database = field.isAnnotationPresent(TempDatabase.class);
        String where = "field '" + field.getName() + "' of " + field.getDeclaringClass().getName();
        if (sharedByConcurrentTests(instance, context)) {
          throw new ExtensionConfigurationException(
              annotationOf(database)
                  + " "
                  + where
                  + " is on a test instance that tests running at the same time share"
                  + " (@TestInstance(PER_CLASS) with concurrent execution): each test would"
                  + " overwrite the field, and close the store or database another test still"
                  + " uses. Declare it as a test method's parameter, or run the tests that share"
                  + " it in the same thread (@Execution(SAME_THREAD))");
        }
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
          throw new ExtensionConfigurationException(
              annotationOf(database)
                  + " "
                  + where
                  + " is static or final; each test gets its own, so declare it as a"
                  + " non-static, non-final field (Kotlin: lateinit var) or as a test method's"
                  + " parameter");
        }
        Object value;
        try {
          value =
              open(
                  Optional.ofNullable(field.getAnnotation(TempStore.class)),
                  database,
                  field.getType(),
                  where,
                  context);
        } catch (TempStores.CheckedFailure e) {
          throw e.getCause() instanceof Exception checked ? checked : e;
        }
        fill(field, instance, value, annotationOf(database) + " " + where);
      }
    }
  }

  /**
   * Whether {@code instance}, a test instance of {@code context}'s test or one enclosing it, is
   * shared by tests that may run at the same time: one instance for its class, or for a nested
   * class it encloses (JUnit makes the enclosing instances of such a class once for it), and
   * parallel execution on, in the concurrent mode, for the test.
   */
  private static boolean sharedByConcurrentTests(Object instance, ExtensionContext context) {
    if (context.getExecutionMode() != ExecutionMode.CONCURRENT
        || !context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false)) {
      return false;
    }
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestInstanceLifecycle()
          .filter(TestInstance.Lifecycle.PER_CLASS::equals)
          .isPresent()) {
        return true;
      }
      if (c.getTestClass().filter(instance.getClass()::equals).isPresent()) {
        return false;
      }
    }
    return false;
  }

  /**
   * The store or database of {@code where}, whose annotations are {@code store} and {@code
   * database}.
   */
  private static Object open(
      Optional<TempStore> store,
      boolean database,
      Class<?> type,
      String where,
      ExtensionContext context) {
    refuseBoth(store.isPresent() && database, where);
    return store.isPresent()
        ? TempStores.open(type, store.get(), where, context)
        : TempDatabases.open(type, where, context);
  }

  private static void refuseBoth(boolean both, String where) {
    if (both) {
      throw new ExtensionConfigurationException(
          where
              + " is annotated both @TempStore and @TempDatabase; a store on a database of its own"
              + " is @TempStore(storage = POSTGRES), a database to open stores on is @TempDatabase");
    }
  }

  private static String annotationOf(boolean database) {
    return database ? "@TempDatabase" : "@TempStore";
  }

  private static String describe(Parameter declared, int index) {
    Executable executable = declared.getDeclaringExecutable();
    Class<?> type = executable.getDeclaringClass();
    boolean constructor = executable instanceof Constructor<?>;
    // An inner class's constructor takes the enclosing instance first, which its source does not
    // show.
    boolean inner = constructor && type.isMemberClass() && !Modifier.isStatic(type.getModifiers());
    return "parameter "
        + (inner ? index : index + 1)
        + (declared.isNamePresent() ? " '" + declared.getName() + "'" : "")
        + " of "
        + (constructor
            ? "the constructor of " + type.getName()
            : type.getName() + "." + executable.getName());
  }

  private static void fill(Field field, Object instance, Object value, String what) {
    try {
      field.setAccessible(true);
      field.set(instance, value);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "cannot set "
              + what
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
        if (field.isAnnotationPresent(TempStore.class)
            || field.isAnnotationPresent(TempDatabase.class)) {
          fields.add(field);
        }
      }
    }
    return fields;
  }
}
