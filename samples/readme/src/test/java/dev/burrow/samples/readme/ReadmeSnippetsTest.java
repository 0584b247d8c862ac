package dev.burrow.samples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * The README's code is code that compiles: every Java, Kotlin and XML block is preceded by {@code
 * <!-- snippet: path -->} naming a file of the repository that CI compiles, and shows that file
 * verbatim, or by {@code <!-- snippet: path#region -->} and shows that region of the file (a POM
 * fragment: see {@link #region}). A block that cannot be compiled here (a Gradle build script) says
 * so with {@code <!-- snippet: gradle -->}.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("burrow.projectRoot", "../.."));
  private static final Pattern BLOCK =
      Pattern.compile(
          "(?:<!-- snippet: (\\S+) -->\\n)?```(java|kotlin|xml)\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern MARKER =
      Pattern.compile("\\s*<!-- snippet-(start|end): (\\S+) -->\\s*");

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
      int hash = source.indexOf('#');
      String path = hash < 0 ? source : source.substring(0, hash);
      Path file = ROOT.resolve(path);
      assertTrue(Files.isRegularFile(file), "the snippet's file " + path + " does not exist");
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertEquals(
          hash < 0 ? text : region(text, source.substring(hash + 1), source),
          shown,
          "the README shows " + source + " differently; copy it into the README");
      checked.add(source);
    }
    assertTrue(checked.size() >= 5, "too few snippets checked: " + checked);
    assertTrue(
        checked.containsAll(
            List.of(
                "samples/setup/pom.xml#setup",
                "samples/setup/pom.xml#more",
                "samples/setup/pom.xml#test-lint")),
        "the README's Maven setup is the pom CI builds: " + checked);
  }

  @Test
  void aRegionIsItsLinesWithoutTheRegionsNestedInItUnindented() {
    String pom =
        """
        <project>
          <!-- snippet-start: outer -->
          <dependencies>
            <!-- snippet-start: inner -->
            <dependency/>
            <!-- snippet-end: inner -->
          </dependencies>
          <!-- snippet-end: outer -->
        </project>
        """;
    assertEquals("<dependencies>\n</dependencies>\n", region(pom, "outer", "pom#outer"));
    assertEquals("<dependency/>\n", region(pom, "inner", "pom#inner"));
    AssertionError missing = assertThrows(AssertionError.class, () -> region(pom, "x", "pom#x"));
    assertTrue(missing.getMessage().contains("pom#x"), missing.getMessage());
  }

  /**
   * The lines of {@code text} between {@code <!-- snippet-start: name -->} and {@code <!--
   * snippet-end: name -->}, leaving out the marker lines and every region nested in it, with the
   * indentation they share removed: what the README shows of a file whose fragments sit inside one
   * another (the Setup section's dependencies are inside the POM's dependencies).
   */
  private static String region(String text, String name, String source) {
    Matcher marker = MARKER.matcher("");
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    @Nullable String skipping = null;
    for (String line : text.lines().toList()) {
      if (!marker.reset(line).matches()) {
        if (inside && skipping == null) {
          lines.add(line);
        }
      } else if (!inside) {
        inside = marker.group(1).equals("start") && marker.group(2).equals(name);
      } else if (skipping != null) {
        if (marker.group(1).equals("end") && marker.group(2).equals(skipping)) {
          skipping = null;
        }
      } else if (marker.group(1).equals("start")) {
        skipping = marker.group(2);
      } else if (marker.group(2).equals(name)) {
        return unindented(lines);
      }
    }
    throw new AssertionError(
        "no region <!-- snippet-start: "
            + name
            + " --> … <!-- snippet-end: "
            + name
            + " --> for "
            + source);
  }

  private static String unindented(List<String> lines) {
    int indent =
        lines.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
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
