package dev.burrow.cli.command;

import dev.burrow.ImportSummary;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counting;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.ImportReport;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.LeftOut;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.cli.root.ExportHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code burrow import}: reads an export into the data root, idempotently. */
@Command(
    name = "import",
    description = {
      "Reads an export (burrow export, or a store's exportTo) into the data root.",
      "Creates what is missing, replaces older versions, keeps the same or newer ones, so running"
          + " it again after an interruption loses and duplicates nothing. A missing or empty"
          + " --root becomes a new data root of the export's kind."
    })
public final class ImportCommand extends RootCommand {
  @Option(
      names = {"-i", "--in"},
      paramLabel = "FILE",
      description = "The export's JSON Lines (default: stdin).")
  @Nullable Path in;

  @Option(
      names = "--dirs",
      paramLabel = "TAR",
      description = "Also read the instance directories' files from this tar archive.")
  @Nullable Path dirs;

  @Override
  public Integer call() throws IOException {
    Path file = in;
    Path archive = dirs;
    long total = file == null ? -1 : Files.size(file);
    ImportSummary summary;
    try (Progress progress =
            Progress.start(err(), "imported", Progress.Unit.BYTES, () -> total, !json);
        InputStream source = file == null ? System.in : Files.newInputStream(file);
        InputStream directories = archive == null ? null : Files.newInputStream(archive)) {
      ExportHeader header = ExportHeader.read(Counting.bytes(source, progress));
      try (DataRoot data = DataRoot.openOrCreate(root, header.kind(), lockTimeout())) {
        summary = data.importFrom(header.export(), directories);
      }
    }
    if (json) {
      out().println(Json.compact(ImportReport.json(summary)));
    } else {
      out()
          .println(
              "imported "
                  + ImportReport.counts(summary)
                  + (archive == null ? "" : "; " + Counts.of(summary.files(), "file") + " written")
                  + Counts.skippedEntries(summary.skipped())
                  + LeftOut.counted("the export left out", summary.damaged()));
    }
    return ExitCodes.OK;
  }
}
