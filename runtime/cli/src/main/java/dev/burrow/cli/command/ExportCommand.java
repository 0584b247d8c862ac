package dev.burrow.cli.command;

import dev.burrow.ExportSummary;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counting;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code burrow export}: every instance as JSON Lines, the directories' files as tar. */
@Command(
    name = "export",
    description = {
      "Writes every instance as JSON Lines, newest first, to a file or stdout.",
      "A header line names the kind and its managed fields, a closing line counts the instances;"
          + " damaged instances are left out and counted. --dirs also writes the files of the"
          + " instance directories as a tar archive."
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
    ExportSummary summary;
    try (DataRoot data = open();
        Progress progress = Progress.start(err(), "exported instances", -1, !json);
        OutputStream directories = archive == null ? null : Files.newOutputStream(archive)) {
      if (file == null) {
        summary = data.exportTo(Counting.lines(System.out, progress), directories);
      } else {
        try (OutputStream target = Files.newOutputStream(file)) {
          summary = data.exportTo(Counting.lines(target, progress), directories);
        }
      }
    }
    PrintWriter report = file == null ? err() : out();
    if (json) {
      report.println(
          Json.compact(
              Json.object()
                  .put("instances", summary.instances())
                  .put("damaged", summary.damaged())
                  .put("files", summary.files())));
    } else {
      report.println(
          "exported "
              + summary.instances()
              + " instances"
              + (archive == null ? "" : " and " + summary.files() + " files")
              + (summary.damaged() == 0 ? "" : "; left out " + summary.damaged() + " damaged"));
    }
    return ExitCodes.OK;
  }
}
