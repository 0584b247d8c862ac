package dev.burrow.cli;

import dev.burrow.CorruptExportException;
import dev.burrow.CorruptJsonFileException;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.InvalidIdException;
import dev.burrow.cli.command.EventsCommand;
import dev.burrow.cli.command.ExportCommand;
import dev.burrow.cli.command.FsckCommand;
import dev.burrow.cli.command.ImportCommand;
import dev.burrow.cli.command.LsCommand;
import dev.burrow.cli.command.MigrateCommand;
import dev.burrow.cli.command.ShowCommand;
import dev.burrow.cli.command.StatsCommand;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.FailureDetails;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.Secrets;
import dev.burrow.cli.root.NotADataRootException;
import dev.burrow.internal.Printable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code burrow} command: inspects, checks and moves the instances of any Burrow data root
 * without the application's classes (documents are JSON; the kind comes from the root's {@code
 * .burrow/store.json}). It takes the instance locks the application's writers take, so it is safe
 * beside running writers.
 */
@Command(
    name = "burrow",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Burrow.Version.class,
    description = "Inspect, check and move the instances of a Burrow data root.",
    subcommands = {
      LsCommand.class,
      ShowCommand.class,
      EventsCommand.class,
      StatsCommand.class,
      FsckCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      MigrateCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done; nothing damaged was found",
      "1:damage found: the command named each damaged file and why and did the rest (ls, show,"
          + " events, stats, fsck; export and migrate left the damaged instances out; import"
          + " skipped --dirs archive entries it had no place for, each named; fsck"
          + " --repair repaired what it could and counts what it repaired, a planted lease"
          + " removed or an instance quarantined, as damage found: run fsck again to"
          + " confirm), or it may not read a document, file or event log (named unreadable: with"
          + " why; export leaves such a file out of its archive; fsck --repair leaves it where it"
          + " is), or the root's .burrow/store.json is damaged (any command; the"
          + " message names it and why), or fsck found a link or special file where Burrow's own"
          + " directories or lock file belong (where every open of a root uses it, other"
          + " commands stop there, exit 4)",
      "2:the command line was wrong (a directory given as a file to read or write included:"
          + " import --in DIR, export --out DIR), or its input: import was given something that"
          + " is not a whole export of the root's kind, or a damaged --dirs archive (the message"
          + " names where); migrate was given a --local-root that is, lies inside or holds the data"
          + " root, or tables that record the kind with another shape (refused before anything"
          + " is written)",
      "3:no data root (one that does not exist is named as missing), or no such instance",
      "4:reading or writing failed (the command's own output included), or the root may not be"
          + " written (every command, ls too, opens it as a store does; inspect a writable copy),"
          + " or an instance lock was not free in time, or the root is in the layout of a newer"
          + " Burrow (nothing in it is"
          + " changed), or a link or special file is where a directory or the lock file that"
          + " every open of a root uses belongs (.burrow/tmp, .burrow/locks and the like; every"
          + " command but fsck, which names it and exits 1), or the heap was too small for what"
          + " it read (out of memory; run it with a larger -Xmx)"
    })
public final class Burrow {
  private Burrow() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * The runtime's own log ({@code System.Logger} "dev.burrow", on java.util.logging by default),
   * turned off: what it logs is damage the commands report themselves, with where and why. Held
   * here because java.util.logging keeps its loggers only weakly.
   */
  private static final Logger RUNTIME_LOG = Logger.getLogger("dev.burrow");

  /**
   * The PostgreSQL driver's log (java.util.logging "org.postgresql"), turned off: its lines (such
   * as a warning about a URL's port) are not the command's; what stops the command is reported by
   * it.
   */
  private static final Logger DRIVER_LOG = Logger.getLogger("org.postgresql");

  /** Runs the command line {@code args} and returns its exit code. */
  public static int run(String... args) {
    RUNTIME_LOG.setLevel(Level.OFF);
    DRIVER_LOG.setLevel(Level.OFF);
    boolean json = List.of(args).contains("--json");
    CommandLine line = new CommandLine(new Burrow());
    // Not System.out, which swallows write errors: this one records them for checkError().
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), stdoutCharset()),
            true);
    line.setOut(out);
    line.setExecutionExceptionHandler(
        (thrown, command, parsed) -> {
          Exception failure = thrown instanceof FailureDetails with ? with.failure() : thrown;
          int code = exitCode(failure);
          ObjectNode details =
              thrown instanceof FailureDetails with ? with.details() : Json.object();
          printError(command.getErr(), json, message(failure), code, details);
          return code;
        });
    line.setParameterExceptionHandler(
        (wrong, arguments) -> {
          CommandLine command = wrong.getCommandLine();
          int code = command.getCommandSpec().exitCodeOnInvalidInput();
          printError(command.getErr(), json, message(wrong), code, Json.object());
          if (!json
              && !CommandLine.UnmatchedArgumentException.printSuggestions(
                  wrong, command.getErr())) {
            // One line, not the usage text, which would scroll the error out of sight.
            command
                .getErr()
                .println(
                    "Try '"
                        + command.getCommandSpec().qualifiedName()
                        + " --help' for its options and exit codes.");
          }
          return code;
        });
    int code;
    try {
      code = line.execute(args);
    } catch (OutOfMemoryError tooLittle) {
      printError(line.getErr(), json, outOfMemory(), ExitCodes.FAILED, Json.object());
      return ExitCodes.FAILED;
    }
    boolean outputFailed = out.checkError(); // flushes what is left
    if (code != ExitCodes.FAILED && outputFailed) {
      // PrintWriter swallows write errors: a full disk or a reader gone must not pass for done.
      printError(line.getErr(), json, OUTPUT_FAILED, ExitCodes.FAILED, Json.object());
      return ExitCodes.FAILED;
    }
    return code;
  }

  /** Why the command stopped when the heap was too small for what it read. */
  private static String outOfMemory() {
    return "out of memory: the heap of "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB is too small for what the command read; run it with a larger one (java -Xmx512m"
        + " -jar …)";
  }

  /** The charset {@code System.out} writes in (the console's, else the platform's). */
  private static Charset stdoutCharset() {
    String console = System.getProperty("sun.stdout.encoding");
    return console != null && Charset.isSupported(console)
        ? Charset.forName(console)
        : Charset.defaultCharset();
  }

  /** Why the command failed when its output could not be written. */
  public static final String OUTPUT_FAILED =
      "writing the output failed (a full disk, or the reading end of a pipe closed), so it is"
          + " incomplete";

  /**
   * The error that stopped the command, on stderr: {@code burrow: MESSAGE}, or with {@code --json}
   * one line {@code {"error": MESSAGE, "exitCode": N}} followed by the fields of {@code details}
   * (what the command did before it failed, {@link FailureDetails}), so that everything a {@code
   * --json} run prints is JSON. Any password the message quotes (a JDBC URL in it) is masked.
   */
  private static void printError(
      PrintWriter err, boolean json, String message, int code, ObjectNode details) {
    String shown = Secrets.redact(message);
    err.println(
        json
            ? Json.compact(Json.object().put("error", shown).put("exitCode", code).setAll(details))
            : "burrow: " + Printable.line(shown));
  }

  private static String message(Exception failure) {
    if (failure instanceof FileSystemException file && file.getFile() != null) {
      // Its message is the bare path: say what is wrong with it.
      return Printable.escaped(file.getFile())
          + (file.getOtherFile() == null ? "" : " -> " + Printable.escaped(file.getOtherFile()))
          + ": "
          + Damage.why(file);
    }
    String message = failure.getMessage();
    return message == null ? failure.toString() : message;
  }

  private static int exitCode(Exception failure) {
    if (failure instanceof CorruptJsonFileException) {
      return ExitCodes.DAMAGED; // the root's kind marker, or a PostgreSQL record beside it
    }
    if (failure instanceof NotADataRootException || failure instanceof InstanceNotFoundException) {
      return ExitCodes.NOT_FOUND;
    }
    if (failure instanceof CommandLine.ParameterException
        || failure instanceof IllegalArgumentException
        || failure instanceof InvalidIdException
        || failure instanceof CorruptExportException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILED;
  }

  /** The version of the jar the command runs from. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Burrow.class.getPackage().getImplementationVersion();
      return new String[] {"burrow " + (version == null ? "(development build)" : version)};
    }
  }
}
