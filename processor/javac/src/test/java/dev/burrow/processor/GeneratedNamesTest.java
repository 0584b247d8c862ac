package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instance types named like the type variables or library types generated code uses, and components
 * named like the parameters and fields of generated methods, still give warning-free code that
 * compiles.
 */
class GeneratedNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "P",
        "E",
        "V",
        "Page",
        "Consumer",
        "Optional",
        "StoreOptions",
        "StoreEngine",
        "Backend",
        "List",
        "Path",
        "Generated",
        "Nullable",
        "Query",
        "Condition",
        "IndexedField",
        "ValueCodecs"
      })
  void anInstanceTypeMayHaveTheSimpleNameOfAnyTypeGeneratedCodeUses(String name) {
    Compilation compilation =
        Compilations.compile(
            JavaFileObjects.forSourceString(
                "app." + name,
                "package app;\n"
                    + "import dev.burrow.*;\n"
                    + "@Instance(name = \"things\")\n"
                    + "public record "
                    + name
                    + "(@InstanceId String id, @Version long version,\n"
                    + "    java.util.@org.jspecify.annotations.Nullable List<String> items,\n"
                    + "    @Indexed @Default(\"x\") String text,\n"
                    + "    @Indexed @Default(\"0\") int request,\n"
                    + "    @Indexed @Default(\"e\") String engine,\n"
                    + "    @Indexed java.util.@org.jspecify.annotations.Nullable UUID uuid) {\n"
                    + "  static void use("
                    + name
                    + "Store store) {\n"
                    + "    store.sessions(() -> \"prepared\").create();\n"
                    + "    store.events(\"id\", String.class);\n"
                    + "    store.create(c -> c.text(\"y\"));\n"
                    + "    store.findByText(\"y\", PageRequest.first(1));\n"
                    + "    store.findByRequest(1, PageRequest.first(1));\n"
                    + "    store.findByEngine(\"e\", PageRequest.first(1));\n"
                    + "    store.streamByEngine(\"e\");\n"
                    + "    store.countByEngine(\"e\");\n"
                    + "    store.findByUuid(java.util.UUID.randomUUID(), PageRequest.first(1));\n"
                    + "    store.where("
                    + name
                    + "Index.TEXT.equalTo(\"y\")).and("
                    + name
                    + "Index.UUID.equalTo(null)).count();\n"
                    + "  }\n"
                    + "}\n"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * Generated code keeps a component in a variable (a field of {@code XChanges}, a local of the
   * codec, a finder's parameter) and calls static methods on types such as {@code Collections} or
   * {@code Objects}: a variable named like such a type would obscure it.
   */
  @Test
  void componentsNamedLikeTypesGeneratedCodeCallsStillCompile() {
    Compilation compilation =
        Compilations.compile(
            appSource(
                "Run",
                "package app;",
                "",
                "import dev.burrow.*;",
                "import java.time.Duration;",
                "import java.util.Map;",
                "",
                "@Instance(name = \"runs\")",
                "public record Run(@InstanceId String id, @Version long version,",
                "    Map<String, String> Collections, @Indexed String Objects,",
                "    @Default(\"PT1S\") Duration Defaults, String DocumentReader,",
                "    String ValueCodecs, String UnknownFields, String RunSchema) {",
                "  static long use(RunStore store) {",
                "    Run run = store.create(c -> c.putCollection(\"k\", \"v\").Objects(\"o\"));",
                "    store.update(run.id(), c -> c.Collections(Map.of()));",
                "    return store.countByObjects(\"o\");",
                "  }",
                "}",
                ""));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * A component {@code os} gets the constant {@code OS} in {@code XSchema}, which would obscure an
   * enum {@code OS} of the same package where its {@code @Default} constant is written ({@code
   * OS.LINUX}).
   */
  @Test
  void anEnumOfThePackageNamedLikeAComponentsConstantStillGivesItsDefault() {
    Compilation compilation =
        Compilations.compile(
            JavaFileObjects.forSourceString(
                "app.OS", "package app;\n\npublic enum OS {\n  LINUX,\n  MAC\n}\n"),
            appSource(
                "Machine",
                "package app;",
                "",
                "import dev.burrow.*;",
                "",
                "@Instance(name = \"machines\")",
                "public record Machine(@InstanceId String id, @Version long version,",
                "    @Indexed @Default(\"LINUX\") OS os) {",
                "  static long use(MachineStore store) {",
                "    store.create();",
                "    return store.countByOs(OS.LINUX);",
                "  }",
                "}",
                ""));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * A component {@code status} of a lower-case enum {@code status} obscures the enum wherever
   * generated code holds the component in a variable: a constant reached there as {@code
   * status.DONE} would be a static member read through an expression.
   */
  @Test
  void aComponentNamedLikeItsLowerCaseEnumStillCompilesWithoutWarnings() {
    Compilation compilation =
        Compilations.compile(
            JavaFileObjects.forSourceString(
                "app.status", "package app;\n\npublic enum status {\n  OPEN,\n  DONE\n}\n"),
            appSource(
                "Ticket",
                "package app;",
                "",
                "import dev.burrow.*;",
                "",
                "@Instance(name = \"tickets\")",
                "public record Ticket(@InstanceId String id, @Version long version,",
                "    @Indexed @Default(\"OPEN\") status status) {",
                "  static long use(TicketStore store) {",
                "    store.create(c -> c.status(app.status.DONE));",
                "    return store.countByStatus(app.status.DONE)",
                "        + store.where(TicketIndex.STATUS.equalTo(app.status.OPEN)).count();",
                "  }",
                "}",
                ""));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * A record {@code T} with a component {@code t} gets the constant {@code T} in {@code TIndex},
   * which would hide the record itself where the index reads the component ({@code T::t}).
   */
  @Test
  void aRecordNamedLikeItsIndexedComponentsConstantStillGetsItsIndex() {
    Compilation compilation =
        Compilations.compile(
            appSource(
                "T",
                "package app;",
                "",
                "import dev.burrow.*;",
                "",
                "@Instance(name = \"ts\")",
                "public record T(@InstanceId String id, @Version long version,",
                "    @Indexed String t) {",
                "  static long use(TStore store) {",
                "    store.create(c -> c.t(\"x\"));",
                "    return store.where(TIndex.T.equalTo(\"x\")).count() + store.countByT(\"x\");",
                "  }",
                "}",
                ""));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * A class of the record's package named like a {@code java.lang} type ({@code Override}, {@code
   * Class}, {@code Long}, {@code Runnable}) hides that type from every file of the package, the
   * generated ones too: generated code names such types qualified there.
   */
  @Test
  void classesOfThePackageNamedLikeJavaLangTypesDoNotBreakGeneratedCode() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name :
        List.of(
            "AutoCloseable",
            "Boolean",
            "Byte",
            "Character",
            "Class",
            "Double",
            "Float",
            "Integer",
            "Long",
            "Object",
            "Override",
            "Runnable",
            "Short",
            "String",
            "Throwable",
            "Record",
            "Enum",
            "Deprecated",
            "SuppressWarnings",
            "Iterable",
            "Void",
            "Number")) {
      sources.add(
          JavaFileObjects.forSourceString(
              "app." + name, "package app;\n\npublic final class " + name + " {}\n"));
    }
    sources.add(
        appSource(
            "Run",
            "package app;",
            "",
            "import dev.burrow.*;",
            "",
            "@Instance(name = \"runs\")",
            "public record Run(@InstanceId java.lang.String id, @Version long version,",
            "    @Indexed java.lang.String name, java.lang.@org.jspecify.annotations.Nullable"
                + " Integer count,",
            "    java.util.Map<java.lang.String, java.lang.Long> sizes, boolean done,",
            "    byte b, short s, char c, float f, double d) {",
            "  static void use(RunStore store) {",
            "    Run run = store.create(r -> r.name(\"n\").putSize(\"k\", 1L));",
            "    store.update(run.id(), r -> r.count(2));",
            "    store.findByName(\"n\", PageRequest.first(1));",
            "  }",
            "}",
            ""));
    assertThat(Compilations.compile(sources.toArray(JavaFileObject[]::new)))
        .succeededWithoutWarnings();
  }

  /**
   * A record cannot name a component like a method of {@code Object}, but a class with getters
   * (kapt's stub of {@code val notify: Boolean}) can: its members in {@code XChanges} get a
   * trailing {@code _}, as a Java keyword's do, instead of overriding the final {@code notify()}.
   */
  @Test
  void aComponentNamedLikeAMethodOfObjectGetsMembersWithATrailingUnderscore() {
    Compilation compilation =
        Compilations.compile(
            appSource(
                "Alert",
                "package app;",
                "",
                "import dev.burrow.*;",
                "",
                "@Instance(name = \"alerts\")",
                "public final class Alert {",
                "  private final String id;",
                "  private final long version;",
                "  private final boolean notify;",
                "  private final long wait;",
                "  private final int hashCode;",
                "",
                "  public Alert(@InstanceId String id, @Version long version, boolean notify,",
                "      long wait, int hashCode) {",
                "    this.id = id;",
                "    this.version = version;",
                "    this.notify = notify;",
                "    this.wait = wait;",
                "    this.hashCode = hashCode;",
                "  }",
                "",
                "  public String getId() { return id; }",
                "  public long getVersion() { return version; }",
                "  public boolean getNotify() { return notify; }",
                "  public long getWait() { return wait; }",
                "  public int getHashCode() { return hashCode; }",
                "",
                "  static boolean use(AlertStore store) {",
                "    Alert alert = store.create(c -> c.notify_(true).wait_(5L).hashCode_(7));",
                "    return AlertChanges.of(alert).notify_();",
                "  }",
                "}",
                ""));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /**
   * A subdirectory named like a method of {@code Object} gets an accessor with a trailing {@code _}
   * in {@code XDirs}, as a component's members do, instead of one that overrides {@code notify()}
   * or {@code clone()}.
   */
  @Test
  void aSubdirectoryNamedLikeAMethodOfObjectGetsAnAccessorWithATrailingUnderscore() {
    Compilation compilation =
        Compilations.compile(
            appSource(
                "Run",
                "package app;",
                "",
                "import dev.burrow.*;",
                "import java.nio.file.Path;",
                "import java.util.List;",
                "",
                "@Instance(name = \"runs\", subdirectories = {\"notify\", \"notify-all\", \"wait\",",
                "    \"hash-code\", \"to-string\", \"get-class\", \"clone\", \"finalize\"})",
                "public record Run(@InstanceId String id, @Version long version) {",
                "  static List<Path> use(RunDirs dirs) {",
                "    return List.of(dirs.notify_(), dirs.notifyAll_(), dirs.wait_(), dirs.hashCode_(),",
                "        dirs.toString_(), dirs.getClass_(), dirs.clone_(), dirs.finalize_());",
                "  }",
                "}",
                ""));
    assertThat(compilation).succeededWithoutWarnings();
  }

  /** The source of {@code app.<name>}, one line per element of {@code lines}. */
  private static JavaFileObject appSource(String name, String... lines) {
    return JavaFileObjects.forSourceString("app." + name, String.join("\n", lines));
  }
}
