package dev.burrow.cli.command;

import dev.burrow.CorruptInstanceException;
import dev.burrow.ExportSummary;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counting;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.LeftOut;
import dev.burrow.cli.output.OutputFile;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.output.SkippedFiles;
import dev.burrow.cli.root.DataRoot;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code burrow export}: every instance as JSON Lines, the directories' files as tar. */
@Command(
    name = "export",
    description = {
      "Writes every instance as JSON Lines, newest first, to a file or stdout.",
      "A header line names the kind and its managed fields, a closing line counts the instances"
          + " written and the damaged ones left out. Each damaged instance is named with why (on"
          + " stderr when the export goes to stdout; the first 1000, then how many more), and the"
          + " command then exits 1. --dirs also"
          + " writes the files of the instance directories as a tar archive; an instance deleted"
          + " before its line is written is then left out, and the summary counts it. Only"
          + " regular files are archived: links (never followed), FIFOs, sockets and devices are"
          + " skipped and counted. A file or directory of an instance directory that cannot be"
          + " read is named unreadable with why and left out of the archive, and the command"
          + " then exits 1. A file given to --out or --dirs is replaced only once the export is"
          + " complete: an export that fails or is stopped leaves it as it was; a new one is made"
          + " owner-only (0600), a replaced one keeps its permissions. A directory given to --out"
          + " or --dirs, and --out and --dirs naming one file, are refused before the root is"
          + " opened."
    })
public final class ExportCommand extends RootCommand {
  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Where the JSON Lines go (default: stdout).")
  @Nullable Path out;

  @Option(
      names = "--dirs",
      paramLabel = "TAR",
      description = "Also write the instance directories' files to this tar archive.")
  @Nullable Path dirs;

  @Override
  public Integer call() throws IOException {
    Path file = out;
    Path archive = dirs;
    if (file != null) {
      OutputFile.requirePlace(file, "--out", "a file for the export's JSON Lines");
    }
    if (archive != null) {
      OutputFile.requirePlace(
          archive, "--dirs", "a file for the tar archive of the instance directories");
    }
    if (archive != null) {
      OutputFile.requireApart(
          file == null ? OutputFile.STDOUT : file,
          file == null ? "stdout" : "--out " + file,
          archive,
          "--dirs " + archive);
    }
    ExportSummary summary;
    LeftOut leftOut = new LeftOut();
    SkippedFiles unreadable = new SkippedFiles("unreadable");
    try (DataRoot data = open();
        Progress progress =
            Progress.start(
                err(), "exported instances", Progress.Unit.COUNT, data::countEntries, !json);
        OutputFile directories = archive == null ? null : OutputFile.open(archive);
        OutputFile documents = file == null ? null : OutputFile.open(file)) {
      Consumer<CorruptInstanceException> eachLeftOut =
          problem -> {
            leftOut.accept(problem);
            progress.advance(1);
          };
      // Not System.out, which swallows write errors: a full disk or a closed pipe must fail.
      OutputStream target =
          documents == null
              ? new BufferedOutputStream(new FileOutputStream(FileDescriptor.out))
              : documents.stream();
      summary =
          data.transfers()
              .exportTo(
                  Counting.lines(target, progress, 1),
                  directories == null ? null : directories.stream(),
                  eachLeftOut,
                  unreadable);
      if (directories != null) {
        directories.commit();
      }
      if (documents != null) {
        documents.commit();
      }
    }
    PrintWriter report = file == null ? err() : out();
    if (json) {
      report.println(
          Json.compact(
              leftOut
                  .addTo(
                      Json.object()
                          .put("instances", summary.instances())
                          .put("files", summary.files())
                          .put("deleted", summary.deleted())
                          .put("skipped", summary.skipped()),
                      summary.damaged())
                  .set("unreadableFiles", unreadable.json())));
    } else {
      leftOut.print(report);
      unreadable.print(report);
      report.println(
          "exported "
              + Counts.of(summary.instances(), "instance")
              + (archive == null ? "" : " and " + Counts.of(summary.files(), "file"))
              + leftOut.clause("left out", summary.damaged())
              + (summary.deleted() == 0
                  ? ""
                  : "; left out "
                      + Counts.of(summary.deleted(), "instance")
                      + " deleted during the export")
              + Counts.skippedEntries(summary.skipped())
              + (unreadable.count() == 0
                  ? ""
                  : "; left out " + Counts.of(unreadable.count(), "unreadable file") + " (named)"));
    }
    return !leftOut.any(summary.damaged()) && unreadable.count() == 0
        ? ExitCodes.OK
        : ExitCodes.DAMAGED;
  }
}
