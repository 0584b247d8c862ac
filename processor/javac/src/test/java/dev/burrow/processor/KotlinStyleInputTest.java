package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kotlin data class as kapt hands it to annotation processors: a Java stub with private fields, a
 * full-arity constructor carrying the annotations (and wildcards on parameters of non-final element
 * types), getters with JetBrains nullness, and the data-class members.
 */
class KotlinStyleInputTest {
  private static final JavaFileObject STUB =
      JavaFileObjects.forSourceString(
          "test.ChatSession",
          String.join(
              "\n",
              "package test;",
              "",
              "@dev.burrow.Instance(name = \"sessions\", subdirectories = {\"uploads\"})",
              "public final class ChatSession {",
              "    @org.jetbrains.annotations.NotNull",
              "    private final java.lang.String id = null;",
              "    private final long version = 0L;",
              "    @org.jetbrains.annotations.NotNull",
              "    private final test.ChatSession.State state = null;",
              "    @org.jetbrains.annotations.NotNull",
              "    private final java.util.List<test.ChatSession.Note> notes = null;",
              "    @org.jetbrains.annotations.Nullable",
              "    private final java.lang.String title = null;",
              "    private final boolean isArchived = false;",
              "",
              "    public ChatSession(@dev.burrow.InstanceId @org.jetbrains.annotations.NotNull java.lang.String id,",
              "            @dev.burrow.Version long version,",
              "            @dev.burrow.Default(value = \"OPEN\") @org.jetbrains.annotations.NotNull test.ChatSession.State state,",
              "            @org.jetbrains.annotations.NotNull java.util.List<? extends test.ChatSession.Note> notes,",
              "            @org.jetbrains.annotations.Nullable java.lang.String title, boolean isArchived) {",
              "        super();",
              "    }",
              "",
              "    @org.jetbrains.annotations.NotNull",
              "    public final java.lang.String getId() { return null; }",
              "    public final long getVersion() { return 0L; }",
              "    @org.jetbrains.annotations.NotNull",
              "    public final test.ChatSession.State getState() { return null; }",
              "    @org.jetbrains.annotations.NotNull",
              "    public final java.util.List<test.ChatSession.Note> getNotes() { return null; }",
              "    @org.jetbrains.annotations.Nullable",
              "    public final java.lang.String getTitle() { return null; }",
              "    public final boolean isArchived() { return false; }",
              "    @org.jetbrains.annotations.NotNull",
              "    public final java.lang.String component1() { return null; }",
              "    @org.jetbrains.annotations.NotNull",
              "    public final test.ChatSession copy(@org.jetbrains.annotations.NotNull java.lang.String id, long version,",
              "            @org.jetbrains.annotations.NotNull test.ChatSession.State state,",
              "            @org.jetbrains.annotations.NotNull java.util.List<? extends test.ChatSession.Note> notes,",
              "            @org.jetbrains.annotations.Nullable java.lang.String title, boolean isArchived) { return null; }",
              "    @java.lang.Override",
              "    @org.jetbrains.annotations.NotNull",
              "    public java.lang.String toString() { return null; }",
              "",
              "    public enum State { OPEN, CLOSED }",
              "",
              "    public static class Note {}",
              "}",
              ""));

  @Test
  void kaptStubGeneratesWarningFreeCodeThroughGetters() {
    Compilation compilation = Compilations.compilerForForeignAnnotations().compile(STUB);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.ChatSessionSchema")
        .contentsAsUtf8String()
        .contains(
            "return new ChatSession(instance.getId(), version, instance.getState(), instance.getNotes(), "
                + "instance.getTitle(), instance.isArchived());");
    assertThat(compilation)
        .generatedSourceFile("test.ChatSessionSchema")
        .contentsAsUtf8String()
        .contains("ChatSession.State state = ChatSession.State.OPEN;");
  }

  @Test
  void jetbrainsNullnessBecomesJspecifyNullnessInTheGeneratedApi() {
    Compilation compilation = Compilations.compilerForForeignAnnotations().compile(STUB);
    assertThat(compilation)
        .generatedSourceFile("test.ChatSessionChanges")
        .contentsAsUtf8String()
        .contains("public ChatSessionChanges title(@Nullable String title) {");
    assertThat(compilation)
        .generatedSourceFile("test.ChatSessionChanges")
        .contentsAsUtf8String()
        .contains(
            "public ChatSessionChanges state(ChatSession.State state) {\n"
                + "    this.state = required(state, \"state\");");
    assertThat(compilation)
        .generatedSourceFile("test.ChatSessionChanges")
        .contentsAsUtf8String()
        .contains("public ChatSessionChanges addNote(ChatSession.Note note) {");
    assertThat(compilation)
        .generatedSourceFile("test.ChatSessionChanges")
        .contentsAsUtf8String()
        .contains("public ChatSessionChanges isArchived(boolean isArchived) {");
    assertThat(compilation)
        .generatedSourceFile("test.ChatSessionDirs")
        .contentsAsUtf8String()
        .contains("public Path uploads() {");
  }

  @Test
  void underKaptTheKotlinChangePropertiesAreWrittenWhereKaptSays(@TempDir Path kotlin)
      throws IOException {
    Compilation compilation =
        Compilations.compilerForForeignAnnotations()
            .withOptions(
                "-Xlint:all,-processing",
                "-Werror",
                "-A" + InstanceProcessor.KAPT_KOTLIN_GENERATED + "=" + kotlin)
            .compile(STUB);
    assertThat(compilation).succeededWithoutWarnings();
    String properties = Files.readString(kotlin.resolve("test/ChatSessionChanges.kt"));
    assertTrue(
        properties.contains("public var ChatSessionChanges.state: ChatSession.State\n"),
        properties);
    assertTrue(properties.contains("public var ChatSessionChanges.title: String?\n"), properties);
    assertFalse(
        properties.contains("isArchived"), "Kotlin already reads isArchived() as isArchived");
  }

  /**
   * A component type that requires opt-in (a class annotated with a {@code @RequiresOptIn} marker,
   * here a type argument's) makes the Kotlin change properties opt in to the marker, which kapt's
   * stubs keep on the class; else Kotlin refuses them: "This declaration needs opt-in".
   */
  @Test
  void underKaptTheKotlinChangePropertiesOptInToTheMarkersTheirTypesRequire(@TempDir Path kotlin)
      throws IOException {
    JavaFileObject beta =
        JavaFileObjects.forSourceString(
            "test.Beta",
            "package test;\n@kotlin.RequiresOptIn\n"
                + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
                + "public @interface Beta {}\n");
    JavaFileObject point =
        JavaFileObjects.forSourceString(
            "test.Point", "package test;\n@Beta\npublic record Point(int x) {}\n");
    JavaFileObject instance =
        JavaFileObjects.forSourceString(
            "test.Mark",
            "package test;\nimport dev.burrow.*;\nimport java.util.List;\n"
                + "@Instance(name = \"marks\")\n"
                + "public record Mark(@InstanceId String id, @Version long version,"
                + " List<Point> points) {}\n");
    Compilation compilation =
        Compilations.compilerForForeignAnnotations()
            .withOptions("-A" + InstanceProcessor.KAPT_KOTLIN_GENERATED + "=" + kotlin)
            .compile(beta, point, instance);
    assertThat(compilation).succeeded();
    String properties = Files.readString(kotlin.resolve("test/MarkChanges.kt"));
    assertTrue(properties.contains("@file:OptIn(Beta::class)\n"), properties);
  }

  /**
   * Kotlin names the getter of a property that starts with {@code is} and no lower-case letter
   * after it the property's own name, whatever its type: {@code is_active()}, {@code is2()}.
   */
  @Test
  void underKaptPropertiesNamedIsWithoutALowerCaseLetterAfterAreReadThroughTheirOwnGetters() {
    JavaFileObject stub =
        JavaFileObjects.forSourceString(
            "test.Flags",
            String.join(
                "\n",
                "package test;",
                "",
                "@dev.burrow.Instance(name = \"flags\")",
                "public final class Flags {",
                "    @org.jetbrains.annotations.NotNull",
                "    private final java.lang.String id = null;",
                "    private final long version = 0L;",
                "    private final boolean is_active = false;",
                "    private final int is2 = 0;",
                "",
                "    public Flags(@dev.burrow.InstanceId @org.jetbrains.annotations.NotNull java.lang.String id,",
                "            @dev.burrow.Version long version, boolean is_active, int is2) {",
                "        super();",
                "    }",
                "",
                "    @org.jetbrains.annotations.NotNull",
                "    public final java.lang.String getId() { return null; }",
                "    public final long getVersion() { return 0L; }",
                "    public final boolean is_active() { return false; }",
                "    public final int is2() { return 0; }",
                "}",
                ""));
    Compilation compilation = Compilations.compilerForForeignAnnotations().compile(stub);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.FlagsSchema")
        .contentsAsUtf8String()
        .contains("instance.is_active(), instance.is2()");
  }

  @Test
  void withoutKaptNoKotlinIsWritten() {
    Compilation compilation = Compilations.compilerForForeignAnnotations().compile(STUB);
    assertThat(compilation).succeededWithoutWarnings();
    assertTrue(compilation.generatedFiles().stream().noneMatch(f -> f.getName().endsWith(".kt")));
  }
}
