package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.burrow.Instance;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A consumer compiled as strictly as users do ({@code -Xlint:all -Werror}, which includes {@code
 * -Xlint:processing}) compiles without a single warning: the processor claims every Burrow
 * annotation, and every annotation the generated classes carry.
 */
class LintCleanConsumerTest {
  private static final JavaFileObject CONSUMER =
      JavaFileObjects.forSourceString(
          "app.TaskRun",
          String.join(
              "\n",
              "package app;",
              "",
              "import dev.burrow.*;",
              "import java.time.Instant;",
              "import java.util.List;",
              "import java.util.Map;",
              "import org.jspecify.annotations.Nullable;",
              "",
              "@Instance(name = \"task-runs\", subdirectories = {\"workspace\", \"logs\"},",
              "    dataRootEnv = \"TASKRUNNER_DATA_DIR\", defaultDataRoot = \"~/.taskrunner\")",
              "public record TaskRun(",
              "    @InstanceId String id,",
              "    @Version long version,",
              "    @CreatedAt Instant createdAt,",
              "    @UpdatedAt Instant updatedAt,",
              "    @Default(\"PENDING\") Status status,",
              "    Map<String, String> params,",
              "    List<String> tags,",
              "    @Nullable String branch) {",
              "",
              "  public enum Status { PENDING, RUNNING }",
              "",
              "  static void use(TaskRunStore store) {",
              "    TaskRun run = store.create(c -> c.status(Status.RUNNING).putParam(\"k\", \"v\"));",
              "    store.update(run.id(), c -> c.addTag(\"t\").branch(null));",
              "    TaskRun current = store.get(run.id());",
              "    store.compareAndSet(TaskRunChanges.of(current).status(Status.PENDING).build());",
              "    try (InstanceLock lock = store.lockAll(List.of(run.id()))) {",
              "      store.dirs(run.id()).workspace();",
              "      lock.instanceIds();",
              "    }",
              "    store.list(PageRequest.first(10)).items();",
              "  }",
              "}",
              ""));

  @Test
  void aConsumerCompiledWithAllLintWarningsAsErrorsHasNoWarnings() {
    Compilation compilation = Compilations.compile(CONSUMER);
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * Deprecated API the user declares (an instance type, an accessor, a component's type, an enum
   * constant named in {@code @Default}, a type deprecated for removal) gives generated code that
   * uses it without a warning: the warnings would be in code the user cannot change.
   */
  @Test
  void deprecatedTypesAccessorsAndConstantsGiveNoWarningsInGeneratedCode() {
    JavaFileObject legacy =
        JavaFileObjects.forSourceString(
            "app.Legacy",
            String.join(
                "\n",
                "package app;",
                "",
                "/** @deprecated gone soon */",
                "@Deprecated",
                "public enum Legacy { A, /** @deprecated use A */ @Deprecated B }",
                ""));
    JavaFileObject doomed =
        JavaFileObjects.forSourceString(
            "app.Doomed",
            String.join(
                "\n",
                "package app;",
                "",
                "@Deprecated(forRemoval = true)",
                "public record Doomed(String text) {}",
                ""));
    JavaFileObject old =
        JavaFileObjects.forSourceString(
            "app.Old",
            String.join(
                "\n",
                "package app;",
                "",
                "import dev.burrow.*;",
                "import java.util.List;",
                "import org.jspecify.annotations.Nullable;",
                "",
                "/** @deprecated use something newer */",
                "@Deprecated",
                "@Instance(name = \"olds\", subdirectories = \"logs\")",
                "@SuppressWarnings({\"deprecation\", \"removal\"})",
                "public record Old(@InstanceId String id, @Version long version,",
                "    @Indexed @Default(\"B\") Legacy mode, List<Legacy> modes,",
                "    @Nullable Doomed doomed, String name, String legacyName) {",
                "  /** The old name. @deprecated use {@link #name()} */",
                "  @Deprecated",
                "  @Override",
                "  public String legacyName() { return legacyName; }",
                "}",
                ""));
    Compilation compilation = Compilations.compile(legacy, doomed, old);
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * A user's test with the test kit's {@code @TempStore} and {@code @TestDatabase}: the annotations
   * are declared here as burrow-test declares them, since the test kit is not a dependency of the
   * processor.
   */
  @Test
  void aTestUsingTheTestKitsAnnotationsHasNoWarnings() {
    JavaFileObject tempStore = testKitAnnotation("TempStore", "FIELD, ElementType.PARAMETER");
    JavaFileObject testDatabase = testKitAnnotation("TestDatabase", "FIELD, ElementType.METHOD");
    JavaFileObject userTest =
        JavaFileObjects.forSourceString(
            "app.TaskRunTest",
            String.join(
                "\n",
                "package app;",
                "",
                "import dev.burrow.test.TempStore;",
                "import dev.burrow.test.TestDatabase;",
                "",
                "class TaskRunTest {",
                "  @TestDatabase static javax.sql.DataSource database;",
                "  @TempStore TaskRunStore store;",
                "}",
                ""));
    Compilation compilation = Compilations.compile(tempStore, testDatabase, CONSUMER, userTest);
    assertThat(compilation).succeededWithoutWarnings();
  }

  /** The test kit's annotation {@code name}, as burrow-test declares it, on {@code targets}. */
  private static JavaFileObject testKitAnnotation(String name, String targets) {
    return JavaFileObjects.forSourceString(
        "dev.burrow.test." + name,
        String.join(
            "\n",
            "package dev.burrow.test;",
            "",
            "import java.lang.annotation.*;",
            "",
            "@Retention(RetentionPolicy.RUNTIME)",
            "@Target({ElementType." + targets + "})",
            "public @interface " + name + " {}",
            ""));
  }

  @Test
  void theProcessorClaimsEveryAnnotationTypeOfTheApiPackage() throws Exception {
    List<String> annotations = new ArrayList<>();
    for (String name : apiPackageClasses()) {
      Class<?> type = Class.forName(name);
      if (type.isAnnotation()) {
        annotations.add(type.getCanonicalName());
      }
    }
    assertTrue(annotations.contains(Instance.class.getCanonicalName()), annotations.toString());
    assertTrue(
        new InstanceProcessor().getSupportedAnnotationTypes().containsAll(annotations),
        annotations.toString());
  }

  /** The classes directly in the package {@code dev.burrow} of burrow-api. */
  private static List<String> apiPackageClasses() throws IOException {
    File api = ClassPaths.locationOf(Instance.class);
    List<String> files = new ArrayList<>();
    if (api.isDirectory()) {
      try (Stream<Path> listing = Files.list(api.toPath().resolve("dev/burrow"))) {
        listing.forEach(file -> files.add("dev/burrow/" + file.getFileName()));
      }
    } else {
      try (JarFile jar = new JarFile(api)) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          files.add(entries.nextElement().getName());
        }
      }
    }
    return files.stream()
        .filter(file -> file.matches("dev/burrow/[A-Za-z0-9]+\\.class"))
        .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
        .toList();
  }
}
