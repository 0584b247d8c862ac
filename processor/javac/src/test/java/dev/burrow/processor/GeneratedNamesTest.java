package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instance types named like the type variables or library types generated code uses still give
 * warning-free code that compiles.
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
        "Nullable"
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
                    + "    @Default(\"x\") String text) {\n"
                    + "  static void use("
                    + name
                    + "Store store) {\n"
                    + "    store.sessions(() -> \"prepared\").create();\n"
                    + "    store.events(\"id\", String.class);\n"
                    + "    store.create(c -> c.text(\"y\"));\n"
                    + "  }\n"
                    + "}\n"));
    assertThat(compilation).succeededWithoutWarnings();
  }
}
