package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StoreOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of the long commands, decided by the packaged jar in a child JVM: drawn on a
 * real pseudo-terminal, never when the output is piped or with {@code --json}.
 */
@ExtendWith(PostgresExtension.class)
class ProgressTest {
  @TempDir Path work;
  private Path root;

  @BeforeEach
  void jobs() {
    root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      for (int i = 1; i <= 3; i++) {
        jobs.create("job-" + i, c -> c.owner("ana"));
      }
    }
  }

  /** Each long command with the label of its progress line. */
  private List<Command> longCommands(LocalPostgres server) {
    String export = work.resolve("jobs.jsonl").toString();
    List<Command> commands = new ArrayList<>();
    commands.add(new Command("reading instances", "stats", "--root", root.toString()));
    commands.add(new Command("checking instances", "fsck", "--root", root.toString()));
    commands.add(
        new Command("exported instances", "export", "--root", root.toString(), "--out", export));
    String copy = work.resolve("copy").toString();
    commands.add(new Command("imported", "import", "--root", copy, "--in", export));
    commands.add(
        new Command(
            "migrated instances", Roots.migrate(root, server, "progress_", work.resolve("hosts"))));
    return commands;
  }

  private record Command(String label, String... args) {
    /**
     * The line drawn at the start of a terminal line: the label, a bar out of the total counted
     * first (instances, or the bytes of the file imported), and the rate.
     */
    Pattern progressLine() {
      return Pattern.compile(
          "\r"
              + Pattern.quote(label)
              + " \\[[#.]{30}\\] \\d+% (\\d+ of 3, \\d+/s"
              + "|[0-9.]+ of [0-9.]+ [KMG]iB, [0-9.]+ [KMG]iB/s)");
    }

    String[] withJson() {
      String[] json = Arrays.copyOf(args, args.length + 1);
      json[args.length] = "--json";
      return json;
    }
  }

  @Test
  void everyLongCommandDrawsItsProgressLineInATerminal(LocalPostgres server) throws Exception {
    for (Command command : longCommands(server)) {
      Cli.Result shown = Cli.runInTerminal(work, command.args());
      assertEquals(0, shown.exitCode(), shown.toString());
      assertTrue(command.progressLine().matcher(shown.out()).find(), shown.toString());
    }
  }

  @Test
  void theLineIsClearedBeforeTheCommandPrints(LocalPostgres server) throws Exception {
    for (Command command : longCommands(server)) {
      Cli.Result shown = Cli.runInTerminal(work, command.args());
      assertEquals(0, shown.exitCode(), shown.toString());
      Matcher drawn = command.progressLine().matcher(shown.out());
      while (drawn.find()) {
        assertTrue(
            shown.out().startsWith("\r", endOfPadding(shown.out(), drawn.end())),
            "printed onto the progress line: " + shown);
      }
    }
  }

  /** Where the spaces that pad a progress line over a longer one drawn before it end. */
  private static int endOfPadding(String terminal, int from) {
    int end = from;
    while (end < terminal.length() && terminal.charAt(end) == ' ') {
      end++;
    }
    return end;
  }

  @Test
  void theLineIsDrawnWhereStderrIsATerminalWhateverStdoutIs() throws Exception {
    Path exported = work.resolve("exported.jsonl");
    Cli.Result redirected =
        Cli.runInTerminalRedirected(
            work, "> '" + exported + "'", "export", "--root", root.toString());
    assertEquals(0, redirected.exitCode(), redirected.toString());
    assertTrue(
        Pattern.compile("\rexported instances \\[").matcher(redirected.out()).find(),
        "drawn while the export goes to a file: " + redirected);
    assertTrue(Files.readString(exported).startsWith("{\"burrow\":\"export\""), redirected.out());

    Path log = work.resolve("fsck.log");
    Cli.Result logged =
        Cli.runInTerminalRedirected(work, "2> '" + log + "'", "fsck", "--root", root.toString());
    assertEquals(0, logged.exitCode(), logged.toString());
    assertTrue(logged.out().contains("3 instances checked, nothing damaged"), logged.toString());
    assertFalse(logged.out().contains("checking instances"), logged.toString());
    assertEquals("", Files.readString(log), "nothing drawn into the log file");
  }

  @Test
  void noProgressLineWithJsonOrWhenPiped(LocalPostgres server) throws Exception {
    for (Command command : longCommands(server)) {
      Cli.Result json = Cli.runInTerminal(work, command.withJson());
      assertEquals(0, json.exitCode(), json.toString());
      assertFalse(command.progressLine().matcher(json.out()).find(), json.toString());
      assertFalse(json.out().contains(command.label() + " "), json.toString());

      Cli.Result piped = Cli.run(work, command.args());
      assertEquals(0, piped.exitCode(), piped.toString());
      assertFalse(piped.err().contains(command.label() + " "), piped.toString());
      assertFalse(piped.err().contains("\r"), piped.toString());
    }
  }
}
