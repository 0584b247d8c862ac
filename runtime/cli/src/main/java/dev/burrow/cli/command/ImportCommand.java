package dev.burrow.cli.command;

import dev.burrow.ImportSummary;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counting;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.FailureDetails;
import dev.burrow.cli.output.ImportReport;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.LeftOut;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.output.SkippedFiles;
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
          + " --root becomes a new data root of the export's kind. Each --dirs archive entry it"
          + " does not write (a link or device entry, the instance's document, a file of an"
          + " instance no line names, a file where the instance has a directory or a link) is"
          + " named with why, and the command then exits 1."
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
    requireNoDirectory(file, "--in", "the export's JSON Lines");
    requireNoDirectory(archive, "--dirs", "the tar archive of an export's directories");
    long total = file == null ? -1 : Files.size(file);
    ImportSummary summary;
    SkippedFiles skipped = new SkippedFiles("skipped");
    try (Progress progress =
            Progress.start(err(), "imported", Progress.Unit.BYTES, () -> total, !json);
        InputStream source = file == null ? System.in : Files.newInputStream(file);
        InputStream directories = archive == null ? null : Files.newInputStream(archive)) {
      ExportHeader header = ExportHeader.read(Counting.bytes(source, progress));
      try (DataRoot data = DataRoot.openOrCreate(root, header.kind(), lockTimeout())) {
        summary = data.transfers().importFrom(header.export(), directories, skipped);
      }
    } catch (RuntimeException | IOException failed) {
      // What was skipped before the failure, which the rerun skips again.
      if (json) {
        throw new FailureDetails(failed, Json.object().set("skippedEntries", skipped.json()));
      }
      skipped.print(err());
      throw failed;
    }
    long heldDamaged = skipped.heldDamaged();
    if (json) {
      out().println(Json.compact(ImportReport.json(summary).set("skippedEntries", skipped.json())));
    } else {
      skipped.print(err());
      out()
          .println(
              "imported "
                  + ImportReport.counts(summary)
                  + (archive == null ? "" : "; " + Counts.of(summary.files(), "file") + " written")
                  + (summary.skipped() == 0
                      ? ""
                      : "; skipped "
                          + Counts.of(summary.skipped(), "entry", "entries")
                          + " (named above)")
                  + LeftOut.counted("the export left out", summary.damaged() - heldDamaged)
                  + (heldDamaged == 0
                      ? ""
                      : "; the root holds "
                          + Counts.of(heldDamaged, "instance")
                          + " damaged that the export's documents were not written over (named"
                          + " above), so the root lacks them"));
    }
    return summary.skipped() == 0 ? ExitCodes.OK : ExitCodes.DAMAGED;
  }
}
