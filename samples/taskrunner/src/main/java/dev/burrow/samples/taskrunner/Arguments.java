package dev.burrow.samples.taskrunner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed command line: the subcommand, its operand and options.
 *
 * @param command {@code run}, {@code worker}, {@code list}, {@code show}, {@code rm} or {@code
 *     help}
 * @param operand the task ID of {@code show} and {@code rm}
 * @param dataDir the {@code --data-dir} option
 * @param runId the run a {@code worker} works on, or whose tasks {@code list} shows
 * @param workerName the name a {@code worker} gives its threads
 * @param status the status of the tasks {@code list} shows, or null for every status
 * @param olderThan the age past which {@code rm --older-than} removes tasks
 * @param limit the most tasks {@code list} shows
 * @param after the cursor {@code list} starts after
 */
public record Arguments(
    String command,
    @Nullable String operand,
    @Nullable Path dataDir,
    int tasks,
    int threads,
    int processes,
    @Nullable String runId,
    String workerName,
    @Nullable Status status,
    @Nullable Duration olderThan,
    int limit,
    @Nullable String after) {

  /** The command line help. */
  public static final String USAGE =
      """
      usage: taskrunner [run] [--tasks N] [--threads T] [--processes P] [--data-dir DIR]
             taskrunner list [--run RUN] [--status STATUS] [--limit N] [--after CURSOR]
                             [--data-dir DIR]
             taskrunner show <id> [--data-dir DIR]
             taskrunner rm <id> [--data-dir DIR]
             taskrunner rm --older-than AGE [--data-dir DIR]
             taskrunner help [<command>]

        run   runs N tasks (default 200) in P child processes (default 2) of T threads
              each (default 4) on one data root, then verifies that no update was lost
        list  lists the tasks, newest first, a page at a time: all, or those of one run
              and/or status (PENDING, RUNNING, TESTING, SUCCEEDED, FAILED), found through
              indexes; at most N (default all), starting after CURSOR (printed when a
              listing stops at its limit)
        show  shows one task, where its directory and workspace are, and its events
        rm    removes a task and its git worktree; with --older-than, every task created
              more than AGE ago (such as 30d, 12h, 15m, 45s or P2DT3H; at most 36500d)

      The data root is --data-dir, else $TASKRUNNER_DATA_DIR, else ~/.taskrunner: a new or
      empty directory, or one the runner used before; run makes it, the others read it.
      Every command refuses a file or a directory that holds other files (exit 2).
      list, show and rm exit 1 if a task they meet is damaged or not there; rm <id>
      removes a damaged task all the same, and says it was damaged.""";

  /** The longest {@code --older-than}: no task is older, and longer ages are typing mistakes. */
  private static final Duration MAX_AGE = Duration.ofDays(36_500);

  private static final List<String> COMMANDS =
      List.of("run", "worker", "list", "show", "rm", "help");

  private static final List<String> OPTIONS =
      List.of(
          "--data-dir",
          "--tasks",
          "--threads",
          "--processes",
          "--run",
          "--name",
          "--status",
          "--older-than",
          "--limit",
          "--after");

  /**
   * Parses {@code args}; no command means {@code run}, {@code help COMMAND} means {@code help}, and
   * so does {@code -h} or {@code --help} anywhere (not as an option's value).
   *
   * @throws UsageException saying what is wrong
   */
  public static Arguments parse(List<String> args) {
    Parser parser = new Parser();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("-h") || arg.equals("--help")) {
        return new Parser().build(List.of("help")); // asked after a command too: help, not it
      }
      if (arg.startsWith("--")) {
        if (!OPTIONS.contains(arg)) {
          throw new UsageException("unknown option " + arg);
        }
        if (i + 1 >= args.size()) {
          throw new UsageException("option " + arg + " needs a value");
        }
        parser.option(arg, args.get(++i));
      } else {
        positional.add(arg);
      }
    }
    return parser.build(positional);
  }

  private static final class Parser {
    private @Nullable Path dataDir;
    private int tasks = 200;
    private int threads = 4;
    private int processes = 2;
    private @Nullable String runId;
    private String workerName = "main";
    private @Nullable Status status;
    private @Nullable Duration olderThan;
    private int limit = Integer.MAX_VALUE;
    private @Nullable String after;
    private final List<String> given = new ArrayList<>();

    void option(String name, String value) {
      given.add(name);
      switch (name) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--tasks" -> tasks = number(name, value, 1, 100_000);
        case "--threads" -> threads = number(name, value, 1, 64);
        case "--processes" -> processes = number(name, value, 1, 16);
        case "--run" -> runId = value;
        case "--name" -> workerName = value;
        case "--status" -> status = status(value);
        case "--older-than" -> olderThan = age(name, value);
        case "--limit" -> limit = number(name, value, 1, Integer.MAX_VALUE);
        case "--after" -> after = value;
        default -> throw new IllegalStateException("unhandled option " + name);
      }
    }

    Arguments build(List<String> positional) {
      String command = positional.isEmpty() ? "run" : positional.get(0);
      if (!COMMANDS.contains(command)) {
        throw new UsageException("unknown command '" + command + "'");
      }
      if (command.equals("help") && positional.size() == 2) {
        String asked = positional.get(1);
        if (!COMMANDS.contains(asked)) {
          throw new UsageException("unknown command '" + asked + "'");
        }
        return build(List.of("help")); // help COMMAND: the usage covers every command
      }
      boolean needsId = command.equals("show") || (command.equals("rm") && olderThan == null);
      int expected = needsId ? 2 : 1;
      if (positional.size() > Math.max(expected, 1) || (needsId && positional.size() < 2)) {
        throw new UsageException(
            needsId
                ? command
                    + " needs exactly one task ID"
                    + (command.equals("rm") ? " or --older-than" : "")
                : command + (command.equals("rm") ? " --older-than" : "") + " takes no operands");
      }
      checkOptions(command);
      return new Arguments(
          command,
          needsId ? positional.get(1) : null,
          dataDir,
          tasks,
          threads,
          processes,
          runId,
          workerName,
          status,
          olderThan,
          limit,
          after);
    }

    private void checkOptions(String command) {
      List<String> allowed =
          switch (command) {
            case "run" -> List.of("--data-dir", "--tasks", "--threads", "--processes");
            case "worker" -> List.of("--data-dir", "--threads", "--run", "--name");
            case "list" -> List.of("--data-dir", "--run", "--status", "--limit", "--after");
            case "rm" -> List.of("--data-dir", "--older-than");
            default -> List.of("--data-dir");
          };
      for (String name : given) {
        if (!allowed.contains(name)) {
          throw new UsageException("option " + name + " does not apply to " + command);
        }
      }
      if (command.equals("worker") && runId == null) {
        throw new UsageException("worker needs --run");
      }
    }

    private static Status status(String value) {
      for (Status candidate : Status.values()) {
        if (candidate.name().equalsIgnoreCase(value)) {
          return candidate;
        }
      }
      throw new UsageException(
          "--status must be one of "
              + java.util.Arrays.toString(Status.values())
              + ", not '"
              + value
              + "'");
    }

    /**
     * An age as {@code <n>d}, {@code <n>h}, {@code <n>m}, {@code <n>s} or ISO-8601 ({@code P2D}),
     * from zero to {@link #MAX_AGE}.
     */
    private static Duration age(String name, String value) {
      Duration parsed;
      try {
        if (value.matches("\\d+[dhms]")) {
          long amount = Long.parseLong(value.substring(0, value.length() - 1));
          parsed =
              switch (value.charAt(value.length() - 1)) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
              };
        } else {
          parsed = Duration.parse(value);
        }
      } catch (NumberFormatException | ArithmeticException e) {
        throw tooLong(name, value);
      } catch (DateTimeParseException e) {
        if (e.getCause() instanceof ArithmeticException
            || e.getCause() instanceof NumberFormatException) {
          throw tooLong(name, value);
        }
        throw new UsageException(
            name + " needs an age such as 30d, 12h, 15m, 45s or P2DT3H, not '" + value + "'");
      }
      if (parsed.isNegative()) {
        throw new UsageException(name + " needs an age of zero or more, not '" + value + "'");
      }
      if (parsed.compareTo(MAX_AGE) > 0) {
        throw tooLong(name, value);
      }
      return parsed;
    }

    private static UsageException tooLong(String name, String value) {
      return new UsageException(
          name
              + " needs an age of at most "
              + MAX_AGE.toDays()
              + "d (100 years), not '"
              + value
              + "'");
    }

    private static int number(String name, String value, int min, int max) {
      int parsed;
      try {
        parsed = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new UsageException(name + " needs a whole number, not '" + value + "'");
      }
      if (parsed < min || parsed > max) {
        throw new UsageException(
            name + " must be between " + min + " and " + max + ", not " + parsed);
      }
      return parsed;
    }
  }
}
