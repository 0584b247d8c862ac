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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
}
