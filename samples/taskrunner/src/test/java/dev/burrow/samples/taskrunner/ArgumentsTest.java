package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bogus                   | unknown command 'bogus'",
        "run --tasks 0           | --tasks must be between 1 and 100000, not 0",
        "run --tasks many        | --tasks needs a whole number, not 'many'",
        "--processes 99          | --processes must be between 1 and 16, not 99",
        "run --threads           | option --threads needs a value",
        "run --colour red        | unknown option --colour",
        "list --tasks 3          | option --tasks does not apply to list",
        "show                    | show needs exactly one task ID",
        "rm a b                  | rm needs exactly one task ID",
        "rm                      | rm needs exactly one task ID or --older-than",
        "rm a --older-than 1d    | rm --older-than takes no operands",
        "rm --older-than soon    | --older-than needs an age such as 30d, 12h, 15m, 45s",
        "rm --older-than -PT1H   | --older-than needs an age of zero or more",
        "rm --older-than P400000000000D | --older-than needs an age of at most 36500d (100 years), not 'P400000000000D'",
        "rm --older-than 36501d  | --older-than needs an age of at most 36500d",
        "rm --older-than 99999999999999999999s | --older-than needs an age of at most 36500d",
        "rm --older-than P99999999999999999999D | --older-than needs an age of at most 36500d",
        "rm --older-than PT9223372036854775807H | --older-than needs an age of at most 36500d",
        "list --older-than 1d    | option --older-than does not apply to list",
        "show x --limit 3        | option --limit does not apply to show",
        "list --limit 0          | --limit must be between 1 and",
        "list extra              | list takes no operands",
        "list --status LOST      | --status must be one of [PENDING, RUNNING, TESTING, SUCCEEDED, FAILED], not 'LOST'",
        "show x --status FAILED  | option --status does not apply to show",
        "worker --threads 2      | worker needs --run",
        "show ../escape          | ../escape"
      })
  void invalidArgumentsPrintUsageAndExitWithTwo(String line, String message) {
    DataRoot.open(dir.resolve("root"), System.err).close();
    String[] args = ("--data-dir " + dir.resolve("root") + " " + line).split(" +");
    Console console = Console.run(args);
    assertEquals(2, console.exitCode, console.toString());
    assertTrue(console.err.contains(message), console.toString());
    assertTrue(console.err.contains("usage: taskrunner"), console.toString());
    assertFalse(
        console.err.contains("Exception") || console.err.contains("\tat "), console.toString());
    assertEquals("", console.out);
  }

  @Test
  void helpPrintsUsageWithoutTouchingAnything() {
    Console console = Console.run("--help");
    assertEquals(0, console.exitCode, console.toString());
    assertTrue(console.out.startsWith("usage: taskrunner"), console.toString());
  }

  /**
   * {@code help COMMAND}, as other tools take it, prints the usage; before, it was refused with
   * "help takes no operands", exit 2. A word that is no command is still refused.
   */
  @ParameterizedTest
  @ValueSource(strings = {"help list", "help rm", "help help", "help show"})
  void helpNamingACommandPrintsUsage(String line) {
    Console console = Console.run(line.split(" "));
    assertEquals(0, console.exitCode, console.toString());
    assertTrue(console.out.startsWith("usage: taskrunner"), console.toString());
    assertEquals("", console.err, console.toString());

    Console unknown = Console.run("help", "bogus");
    assertEquals(2, unknown.exitCode, unknown.toString());
    assertTrue(unknown.err.contains("unknown command 'bogus'"), unknown.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"list --help", "show x -h", "rm --older-than 1d --help", "run --help"})
  void helpAfterACommandPrintsUsageWithoutTouchingAnything(String line) {
    Console console = Console.run(line.split(" "));
    assertEquals(0, console.exitCode, console.toString());
    assertTrue(console.out.startsWith("usage: taskrunner"), console.toString());
    assertEquals("", console.err, console.toString());
  }

  @Test
  void theDataRootComesFromTheFlagElseTheVariableNamedInTheSchema() {
    Path fromVariable = dir.resolve("from-variable");
    Path fromFlag = dir.resolve("from-flag");
    Map<String, String> environment = Map.of("TASKRUNNER_DATA_DIR", fromVariable.toString());

    Console console = Console.run(environment, "list");
    assertEquals(1, console.exitCode, console.toString());
    assertTrue(
        console.err.contains("no task runner data in " + fromVariable + " yet"),
        console.toString());

    console = Console.run(environment, "list", "--data-dir", fromFlag.toString());
    assertTrue(
        console.err.contains("no task runner data in " + fromFlag + " yet"), console.toString());
  }

  /** As TaskRunStore.open() reads the variable: a leading ~ is the home directory. */
  @Test
  void aVariableStartingWithATildeNamesADirectoryInTheHomeDirectory() {
    String name = "taskrunner-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    Path inHome = Path.of(System.getProperty("user.home"), name);

    Console console = Console.run(Map.of("TASKRUNNER_DATA_DIR", "~/" + name), "list");
    assertEquals(1, console.exitCode, console.toString());
    assertTrue(
        console.err.contains("no task runner data in " + inHome + " yet"), console.toString());
  }

  @Test
  void aCommandThatReadsTheRootMakesNoneWhereThereIsNone() {
    Path missing = dir.resolve("missing");
    for (List<String> args :
        List.of(
            List.of("list"),
            List.of("show", "123"),
            List.of("rm", "123"),
            List.of("rm", "--older-than", "1d"))) {
      List<String> line = new ArrayList<>(args);
      line.addAll(List.of("--data-dir", missing.toString()));
      Console console = Console.run(line.toArray(String[]::new));
      assertEquals(1, console.exitCode, console.toString());
      assertTrue(
          console.err.contains(
              "no task runner data in " + missing + " yet; taskrunner run makes it"),
          console.toString());
      assertFalse(Files.exists(missing), args.toString());
    }
  }

  @Test
  void anUnknownOptionIsNamedAsUnknownAlsoAtTheEndOfTheLine() {
    Console console = Console.run("list", "--bogus");
    assertEquals(2, console.exitCode, console.toString());
    assertTrue(console.err.contains("unknown option --bogus"), console.toString());
  }
}
