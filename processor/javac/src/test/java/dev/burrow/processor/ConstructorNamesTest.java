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
 * A nested class Jackson creates through its only constructor needs that constructor's parameter
 * names at run time, which Jackson reads only from what javac's {@code -parameters} records. The
 * processor supplies the names it knows (from source, or from a class file's parameter or debug
 * information) in the generated codec, and refuses the class, on the component, where it knows
 * none.
 */
class ConstructorNamesTest {
  private static final String STEP =
      "package lib;\n"
          + "public final class Step {\n"
          + "  private final String name;\n"
          + "  private final int tries;\n"
          + "  %s public Step(%s) { this.name = name; this.tries = tries; }\n"
          + "  public String getName() { return name; }\n"
          + "  public int getTries() { return tries; }\n"
          + "}\n";

  private static final String PLAIN = "String name, int tries";

  private static final String HEADER =
      "package test;\n"
          + "import dev.burrow.*;\n"
          + "import java.util.*;\n"
          + "import org.jspecify.annotations.Nullable;\n";

  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString("test.Holder", HEADER + body);
  }

  @TempDir Path classes;

  /** A record holding {@code lib.Step}, compiled separately. */
  private static JavaFileObject holder() {
    return source(
        "import lib.Step;\n@Instance(name = \"holders\")\npublic record Holder(@InstanceId String"
            + " id, @Version long version,\n@Nullable Step step, List<Step> steps) {}\n");
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

  /** Compiles {@code lib.Step} with {@code options} into a class directory, as a library would. */
  private Compilation compileAgainstLibrary(String annotation, String parameters, String... options)
      throws IOException {
    Path source = Files.createDirectories(classes.resolve("src/lib")).resolve("Step.java");
    Files.writeString(source, String.format(STEP, annotation, parameters));
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
  void namesReadFromSourceAreHandedToTheCodec() {
    JavaFileObject source =
        source(
            "@Instance(name = \"holders\")\npublic record Holder(@InstanceId String id,"
                + " @Version long version,\n@Nullable Step step, List<Step> steps,"
                + " @Nullable Stage stage) {\n"
                + "  public static final class Step {\n"
                + "    private final String name;\n    private final int tries;\n"
                + "    public Step(String name, int tries) { this.name = name;"
                + " this.tries = tries; }\n"
                + "    public String getName() { return name; }\n"
                + "    public int getTries() { return tries; }\n  }\n"
                + "  public record Stage(String label, Step first) {}\n}\n");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).succeeded();
    String schema = schema(compilation);
    assertTrue(
        schema.contains(
            "ValueCodecs.databind(Holder.Step.class, UnknownFields.IGNORE,"
                + " ParameterNames.of(Holder.Step.class, \"name\", \"tries\"))"),
        schema);
    assertTrue(
        schema.contains(
            "ValueCodecs.databind(Holder.Stage.class, UnknownFields.IGNORE,"
                + " ParameterNames.of(Holder.Step.class, \"name\", \"tries\"))"),
        schema);
  }

  @Test
  void aClassFileWithoutParameterNamesIsRefusedOnTheComponent() throws IOException {
    Compilation compilation = compileAgainstLibrary("", PLAIN, "-g:none");
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "component 'step' has unsupported type lib.Step: lib.Step cannot be read back: Jackson"
                + " creates it through its constructor, whose parameter names its class file does"
                + " not record; compile lib.Step with javac's -parameters, or annotate the"
                + " constructor @JsonCreator with @JsonProperty(\"...\") on each parameter, or"
                + " @java.beans.ConstructorProperties")
        .inFile(holder())
        .onLineContaining("@Nullable Step step");
  }

  /** javac reads the names from the debug information Jackson does not look at. */
  @Test
  void namesFromAClassFilesDebugInformationAreHandedToTheCodec() throws IOException {
    Compilation compilation = compileAgainstLibrary("", PLAIN, "-g");
    assertThat(compilation).succeeded();
    assertTrue(
        schema(compilation).contains("ParameterNames.of(Step.class, \"name\", \"tries\")"),
        schema(compilation));
  }

  @Test
  void aClassFileCompiledWithParametersNeedsNothingButGetsTheSameNames() throws IOException {
    Compilation compilation = compileAgainstLibrary("", PLAIN, "-g:none", "-parameters");
    assertThat(compilation).succeeded();
    assertTrue(
        schema(compilation).contains("ParameterNames.of(Step.class, \"name\", \"tries\")"),
        schema(compilation));
  }

  @Test
  void constructorPropertiesOrJsonPropertyNamesAreEnough() throws IOException {
    Compilation properties =
        compileAgainstLibrary(
            "@java.beans.ConstructorProperties({\"name\", \"tries\"})", PLAIN, "-g:none");
    assertThat(properties).succeeded();
    assertFalse(schema(properties).contains("ParameterNames"), schema(properties));
  }

  @Test
  void jsonPropertyOnEachParameterIsEnough() throws IOException {
    Compilation named =
        compileAgainstLibrary(
            "",
            "@com.fasterxml.jackson.annotation.JsonProperty(\"name\") String name,"
                + " @com.fasterxml.jackson.annotation.JsonProperty(\"tries\") int tries",
            "-g:none");
    assertThat(named).succeeded();
    assertFalse(schema(named).contains("ParameterNames"), schema(named));
  }

  @Test
  void jsonPropertyOnSomeParametersIsNot() throws IOException {
    Compilation named =
        compileAgainstLibrary(
            "",
            "@com.fasterxml.jackson.annotation.JsonProperty(\"name\") String name, int tries",
            "-g:none");
    assertThat(named).hadErrorContaining("lib.Step cannot be read back");
  }
}
