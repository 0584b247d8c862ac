package dev.burrow.tck.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic the processors share ({@code Messages}, in {@code processor/common}) has its row
 * in the table of {@code docs/kotlin.md} that pairs each javac diagnostic with its KSP counterpart
 * and the tests of both, so a diagnostic added to one processor cannot go unmatched unseen.
 */
class DiagnosticsTableTest {
  private static final Path ROOT = Path.of(System.getProperty("burrow.projectRoot", "../.."));
  private static final Pattern DIAGNOSTIC =
      Pattern.compile(
          "^  public static (?:String ([a-zA-Z]+)\\(|final String ([A-Z_]+) =)", Pattern.MULTILINE);

  @Test
  void everyDiagnosticHasARowInTheTable() throws IOException {
    String messages =
        Files.readString(
            ROOT.resolve("processor/common/src/main/java/dev/burrow/processor/rules/Messages.java"),
            StandardCharsets.UTF_8);
    String guide = Files.readString(ROOT.resolve("docs/kotlin.md"), StandardCharsets.UTF_8);
    String table =
        guide.substring(guide.indexOf("| `Messages` method (javac) | KSP counterpart |"));
    List<String> names =
        DIAGNOSTIC.matcher(messages).results().map(DiagnosticsTableTest::name).distinct().toList();
    assertTrue(names.size() > 40, "the diagnostics are found: " + names);
    List<String> missing =
        names.stream()
            .filter(name -> !table.contains("`" + name + "`"))
            .filter(name -> !name.equals("JACKSON_KOTLIN")) // an artifact named in a message
            .toList();
    assertEquals(List.of(), missing, "diagnostics without a row in docs/kotlin.md's table");
  }

  private static String name(java.util.regex.MatchResult match) {
    return match.group(1) != null ? match.group(1) : match.group(2);
  }

  /** The pattern reads both forms a diagnostic takes in {@code Messages}. */
  @Test
  void thePatternReadsMethodsAndConstants() {
    Matcher method = DIAGNOSTIC.matcher("  public static String generic(String type) {");
    Matcher constant = DIAGNOSTIC.matcher("  public static final String RAW_TYPE_ADVICE =");
    assertTrue(method.find() && constant.find());
    assertEquals("generic", name(method.toMatchResult()));
    assertEquals("RAW_TYPE_ADVICE", name(constant.toMatchResult()));
  }
}
