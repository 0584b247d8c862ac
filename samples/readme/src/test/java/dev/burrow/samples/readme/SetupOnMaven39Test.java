package dev.burrow.samples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Setup section works on Maven 3.9 as on the 3.8 that builds Burrow: Maven 3.9 (from
 * {@code burrow.maven39Home}) builds and tests a copy of {@code samples/setup}, the pom made of
 * that section verbatim, offline. Burrow's artifacts come from this build's modules, staged in a
 * local repository of the test's own as {@code mvn install} would lay them out; everything else
 * from the local repository this build uses, read-only ({@code maven.repo.local.tail}).
 */
class SetupOnMaven39Test {
  private static final Path ROOT = Path.of(System.getProperty("burrow.projectRoot", "../.."));
  private static final Pattern PARENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);
  private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");
  private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

  /** The deepest module's pom, {@code processor/javac/pom.xml}, is this deep below the root. */
  private static final int MODULE_DEPTH = 3;

  @Test
  void maven39BuildsAndTestsTheReadmesSetup(@TempDir Path work) throws Exception {
    Path maven = Path.of(System.getProperty("burrow.maven39Home"));
    Path repository = work.resolve("repository");
    stageBurrowArtifacts(repository);
    Path project = work.resolve("setup");
    copy(ROOT.resolve("samples/setup/pom.xml"), project.resolve("pom.xml"));
    copyTree(ROOT.resolve("samples/setup/src"), project.resolve("src"));
    Path log = work.resolve("maven.log");

    ProcessBuilder build =
        new ProcessBuilder(
                "sh",
                maven.resolve("bin/mvn").toString(),
                "-B",
                "-V",
                "-o",
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("burrow.localRepository"),
                "test")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    build.environment().put("JAVA_HOME", System.getProperty("java.home"));
    build.environment().remove("MAVEN_OPTS");
    build.environment().remove("MAVEN_ARGS");
    Process process = build.start();
    boolean exited = process.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(exited && process.exitValue() == 0, "Maven 3.9 failed the setup build:\n" + output);
    assertTrue(output.contains("Apache Maven 3.9."), "not Maven 3.9:\n" + output);
    assertTrue(
        Files.isRegularFile(
            project.resolve(
                "target/generated-sources/annotations/com/example/setup/NoteStore.java")),
        "the processor generated no store:\n" + output);
    String report =
        Files.readString(
            project.resolve("target/surefire-reports/TEST-com.example.setup.NoteStoreTest.xml"),
            StandardCharsets.UTF_8);
    assertEquals(
        List.of("tests=\"1\"", "errors=\"0\"", "skipped=\"0\"", "failures=\"0\""),
        Stream.of("tests", "errors", "skipped", "failures")
            .map(count -> attribute(report, count))
            .toList(),
        "the setup's test ran and passed");
  }

  /**
   * Lays out every module of this build outside {@code samples} (its pom, and its jar when it has
   * one) in {@code repository} as {@code mvn install} would.
   */
  private static void stageBurrowArtifacts(Path repository) throws IOException {
    String version = first(VERSION, PARENT.matcher(read(ROOT.resolve("pom.xml"))).replaceFirst(""));
    try (Stream<Path> poms = Files.walk(ROOT, MODULE_DEPTH)) {
      for (Path pom :
          poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
              .filter(p -> !ROOT.relativize(p).startsWith("samples"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/."))
              .toList()) {
        String artifactId = first(ARTIFACT_ID, PARENT.matcher(read(pom)).replaceFirst(""));
        Path into = repository.resolve("dev/burrow").resolve(artifactId).resolve(version);
        String name = artifactId + "-" + version;
        copy(pom, into.resolve(name + ".pom"));
        Path jar = pom.resolveSibling("target").resolve(name + ".jar");
        if (Files.isRegularFile(jar)) {
          copy(jar, into.resolve(name + ".jar"));
        }
      }
    }
  }

  private static String attribute(String report, String name) {
    return first(Pattern.compile("\\b" + name + "=\"[^\"]*\""), report, 0);
  }

  private static String first(Pattern pattern, String text) {
    return first(pattern, text, 1);
  }

  private static String first(Pattern pattern, String text, int group) {
    Matcher matcher = pattern.matcher(text);
    assertTrue(matcher.find(), "no " + pattern + " in " + text);
    return matcher.group(group);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copy(file, to.resolve(from.relativize(file).toString()));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
