package dev.burrow.samples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The README's code is code that compiles: every Java and Kotlin block is preceded by {@code <!--
 * snippet: path -->} naming a file of the repository that CI compiles, and shows that file
 * verbatim. A block that cannot be compiled here (a Gradle build script) says so with {@code <!--
 * snippet: gradle -->}.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("burrow.projectRoot", "../.."));
  private static final Pattern BLOCK =
      Pattern.compile(
          "(?:<!-- snippet: (\\S+) -->\\n)?```(java|kotlin)\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyCodeBlockIsAFileThatCiCompiles() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher block = BLOCK.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (block.find()) {
      String source = block.group(1);
      String shown = block.group(3);
      if (source == null) {
        fail(
            "a ```"
                + block.group(2)
                + " block has no <!-- snippet: path --> line before it:\n"
                + shown);
      }
      if (source.equals("gradle")) {
        continue;
      }
      Path file = ROOT.resolve(source);
      assertTrue(Files.isRegularFile(file), "the snippet's file " + source + " does not exist");
      assertEquals(
          Files.readString(file, StandardCharsets.UTF_8),
          shown,
          "the README shows " + source + " differently; copy the file into the README");
      checked.add(source);
    }
    assertTrue(checked.size() >= 5, "too few snippets checked: " + checked);
  }

  /**
   * The Gradle builds the README and the docs show resolve as written: each dependency without a
   * version has its version from a {@code platform(...)} BOM in the same build, and every version
   * shown is the one this build uses (Burrow's own, Jackson's, Kotlin's, KSP's). A build script
   * cannot be run here, so this is the check that stands in for running it.
   */
  @Test
  void gradleSnippetsResolveWithTheVersionsThisBuildUses() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
    Map<String, String> versions =
        Map.of(
            "dev.burrow:", element(pom, "version"),
            "tools.jackson:jackson-bom:", element(pom, "jackson.version"),
            "kotlin(", element(pom, "kotlin.version"),
            "id(\"com.google.devtools.ksp\")", element(pom, "ksp.version"));
    Pattern coordinate = Pattern.compile("\"([\\w.-]+:[\\w.-]+)(?::([^\"]+))?\"");
    Pattern pluginVersion = Pattern.compile("((?:kotlin|id)\\([^)]*\\)) version \"([^\"]+)\"");
    List<String> problems = new ArrayList<>();
    int builds = 0;
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (var docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    for (Path page : pages) {
      Matcher block =
          Pattern.compile("```kotlin\\n(.*?)```", Pattern.DOTALL)
              .matcher(Files.readString(page, StandardCharsets.UTF_8));
      while (block.find()) {
        String build = block.group(1);
        if (!build.contains("dependencies {")) {
          continue;
        }
        builds++;
        String where = ROOT.relativize(page) + ": " + build.lines().findFirst().orElse("");
        Matcher dependency = coordinate.matcher(build);
        while (dependency.find()) {
          String version = dependency.group(2);
          if (version == null && !build.contains("platform(")) {
            problems.add(
                where + ": " + dependency.group(1) + " has no version and no BOM gives one");
          }
          String expected = expected(versions, dependency.group(1) + ":");
          if (version != null && expected != null && !version.equals(expected)) {
            problems.add(where + ": " + dependency.group() + " is not version " + expected);
          }
        }
        Matcher plugin = pluginVersion.matcher(build);
        while (plugin.find()) {
          String expected = expected(versions, plugin.group(1));
          if (expected != null && !plugin.group(2).equals(expected)) {
            problems.add(where + ": " + plugin.group() + " is not version " + expected);
          }
        }
      }
    }
    assertTrue(builds >= 4, "too few Gradle builds checked: " + builds);
    assertEquals(List.of(), problems);
  }

  /** The text of the first element {@code name} of {@code pom}. */
  private static String element(String pom, String name) {
    Matcher element = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(element.find(), "no <" + name + "> in the root pom.xml");
    return element.group(1);
  }

  private static @Nullable String expected(Map<String, String> versions, String coordinate) {
    return versions.entrySet().stream()
        .filter(e -> coordinate.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
