package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nested class Jackson creates through a {@code @JsonCreator} constructor or static factory that
 * takes its parameters as properties (more than one, or {@code mode = PROPERTIES}) needs a name for
 * each parameter without {@code @JsonProperty}, which Jackson reads only from what javac's {@code
 * -parameters} records. The processor supplies the names it knows in the generated codec ({@code
 * ParameterNames.ofCreator}, {@code ofFactory}), and refuses the class, on the component, naming
 * the creator and the unnamed parameters, where its class file records none.
 */
class JsonCreatorNamesTest {
  private static final String JSON = "com.fasterxml.jackson.annotation.";

  /** {@code lib.Step}: fields, getters, and a constructor or factory given by each test. */
  private static final String STEP =
      "package lib;\n"
          + "public final class Step {\n"
          + "  private final String name;\n"
          + "  private final int tries;\n"
          + "  private Step(String name, int tries, boolean unused) {"
          + " this.name = name; this.tries = tries; }\n"
          + "  %s\n"
          + "  public String getName() { return name; }\n"
          + "  public int getTries() { return tries; }\n"
          + "}\n";

  private static final String CONSTRUCTOR =
      "@" + JSON + "JsonCreator public Step(%s) { this(name, tries, false); }";

  private static final String FACTORY =
      "@" + JSON + "JsonCreator public static Step of(%s) { return new Step(name, tries, false); }";

  private static final String NAME_UNNAMED =
      "@" + JSON + "JsonProperty(\"name\") String name, int tries";

  private static final String HEADER =
      "package test;\n"
          + "import dev.burrow.*;\n"
          + "import java.util.*;\n"
          + "import org.jspecify.annotations.Nullable;\n";

  @TempDir Path classes;

  /** A record holding {@code lib.Step}, compiled separately. */
  private static JavaFileObject holder() {
    return JavaFileObjects.forSourceString(
        "test.Holder",
        HEADER
            + "import lib.Step;\n@Instance(name = \"holders\")\npublic record Holder(@InstanceId"
            + " String id, @Version long version,\n@Nullable Step step, List<Step> steps) {}\n");
  }

  private static String schema(Compilation compilation) {
    try {
      return compilation
          .generatedSourceFile("test.HolderSchema")
          .orElseThrow()
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code lib.Step} with {@code creator} and {@code options}, as a library would. */
  private Compilation compileAgainstLibrary(String creator, String... options) throws IOException {
    Path source = Files.createDirectories(classes.resolve("src/lib")).resolve("Step.java");
    Files.writeString(source, String.format(STEP, creator));
    Path out = Files.createDirectories(classes.resolve("out"));
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(
        List.of(
            "-d", out.toString(), "-cp", System.getProperty("java.class.path"), source.toString()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));
    List<File> classPath = new ArrayList<>();
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(File::new)
        .forEach(classPath::add);
    classPath.add(out.toFile());
    return Compilations.compiler().withClasspath(classPath).compile(holder());
  }

  @Test
  void aCreatorConstructorWithoutNamesIsRefusedOnTheComponent() throws IOException {
    Compilation compilation =
        compileAgainstLibrary(String.format(CONSTRUCTOR, "String name, int tries"), "-g:none");
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "component 'step' has unsupported type lib.Step: lib.Step cannot be read back: Jackson"
                + " creates it through its @JsonCreator constructor Step(java.lang.String, int),"
                + " whose parameter names its class file does not record, and parameters 1"
                + " (java.lang.String), 2 (int) have no @JsonProperty name; compile lib.Step with"
                + " javac's -parameters, or annotate each parameter of the creator"
                + " @JsonProperty(\"...\")")
        .inFile(holder())
        .onLineContaining("@Nullable Step step");
  }

  @Test
  void aCreatorFactoryWithAnUnnamedParameterIsRefusedNamingIt() throws IOException {
    Compilation compilation =
        compileAgainstLibrary(String.format(FACTORY, NAME_UNNAMED), "-g:none");
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "lib.Step cannot be read back: Jackson creates it through its @JsonCreator factory"
                + " of(java.lang.String, int), whose parameter names its class file does not"
                + " record, and parameter 2 (int) has no @JsonProperty name")
        .inFile(holder())
        .onLineContaining("@Nullable Step step");
  }

  /** javac reads the names from the debug information Jackson does not look at. */
  @Test
  void namesFromDebugInformationAreHandedToTheCodecForAConstructor() throws IOException {
    Compilation compilation =
        compileAgainstLibrary(String.format(CONSTRUCTOR, "String name, int tries"), "-g");
    assertThat(compilation).succeeded();
    assertTrue(
        schema(compilation).contains("ParameterNames.ofCreator(Step.class, \"name\", \"tries\")"),
        schema(compilation));
  }

  @Test
  void namesFromDebugInformationAreHandedToTheCodecForAFactory() throws IOException {
    Compilation compilation = compileAgainstLibrary(String.format(FACTORY, NAME_UNNAMED), "-g");
    assertThat(compilation).succeeded();
    assertTrue(
        schema(compilation)
            .contains("ParameterNames.ofFactory(Step.class, \"of\", \"name\", \"tries\")"),
        schema(compilation));
  }

  @Test
  void jsonPropertyOnEachParameterIsEnough() throws IOException {
    Compilation compilation =
        compileAgainstLibrary(
            String.format(
                FACTORY,
                "@"
                    + JSON
                    + "JsonProperty(\"name\") String name, @"
                    + JSON
                    + "JsonProperty(\"tries\") int tries"),
            "-g:none");
    assertThat(compilation).succeeded();
    assertFalse(schema(compilation).contains("ParameterNames"), schema(compilation));
  }

  @Test
  void anInjectedParameterNeedsNoName() throws IOException {
    Compilation compilation =
        compileAgainstLibrary(
            String.format(
                CONSTRUCTOR,
                "@"
                    + JSON
                    + "JsonProperty(\"name\") String name, @"
                    + JSON
                    + "JacksonInject int tries"),
            "-g:none");
    assertThat(compilation).succeeded();
  }

  @Test
  void aDelegatingCreatorNeedsNoNames() throws IOException {
    Compilation compilation =
        compileAgainstLibrary(
            "@"
                + JSON
                + "JsonCreator(mode = "
                + JSON
                + "JsonCreator.Mode.DELEGATING) public static Step of(String name) {"
                + " return new Step(name, 0, false); }",
            "-g:none");
    assertThat(compilation).succeeded();
    assertFalse(schema(compilation).contains("ParameterNames"), schema(compilation));
  }

  @Test
  void aOneParameterPropertiesCreatorNeedsItsName() throws IOException {
    String creator =
        "@"
            + JSON
            + "JsonCreator(mode = "
            + JSON
            + "JsonCreator.Mode.PROPERTIES) public Step(String name) { this(name, 0, false); }";
    Compilation none = compileAgainstLibrary(creator, "-g:none");
    assertThat(none)
        .hadErrorContaining(
            "its @JsonCreator constructor Step(java.lang.String), whose parameter names its class"
                + " file does not record, and parameter 1 (java.lang.String) has no @JsonProperty"
                + " name");
    Compilation debug = compileAgainstLibrary(creator, "-g");
    assertThat(debug).succeeded();
    assertTrue(
        schema(debug).contains("ParameterNames.ofCreator(Step.class, \"name\")"), schema(debug));
  }

  @Test
  void constructorPropertiesNamesTheParameters() throws IOException {
    Compilation compilation =
        compileAgainstLibrary(
            "@"
                + JSON
                + "JsonCreator @java.beans.ConstructorProperties({\"name\", \"tries\"})"
                + " public Step(String name, int tries) { this(name, tries, false); }",
            "-g:none");
    assertThat(compilation).succeeded();
    assertFalse(schema(compilation).contains("ParameterNames"), schema(compilation));
  }
}
