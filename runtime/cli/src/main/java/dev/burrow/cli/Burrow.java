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
import dev.burrow.cli.root.NotADataRootException;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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
          + " events, stats, fsck; export and migrate left the damaged instances out; fsck"
          + " --repair repaired what it could, run fsck again to confirm), or the root's"
          + " .burrow/store.json is damaged (any command; the message names it and why)",
      "2:the command line was wrong, or its input: import was given something that is not a"
          + " whole export of the root's kind, or a damaged --dirs archive (the message names"
          + " where)",
      "3:no data root, or no such instance",
      "4:reading or writing failed, or an instance lock was not free in time"
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

  /** Runs the command line {@code args} and returns its exit code. */
  public static int run(String... args) {
    RUNTIME_LOG.setLevel(Level.OFF);
    CommandLine line = new CommandLine(new Burrow());
    line.setExecutionExceptionHandler(
        (failure, command, parsed) -> {
          command.getErr().println("burrow: " + message(failure));
          return exitCode(failure);
        });
    return line.execute(args);
  }

  private static String message(Exception failure) {
    String message = failure.getMessage();
    return message == null ? failure.toString() : message;
  }

  private static int exitCode(Exception failure) {
    if (failure instanceof CorruptJsonFileException) {
      return ExitCodes.DAMAGED; // only the root's kind marker is read as a JSON file here
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
