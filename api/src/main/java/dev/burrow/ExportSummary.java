package dev.burrow;

/**
 * What an export wrote, and what it left out. An export reads a page of instances at a time beside
 * running writers, so {@code instances + damaged + deleted} is the number of instances it listed.
 *
 * @param instances documents written, one line each
 * @param damaged instances that could not be read and were left out; each was reported to the
 *     store's corruption listener (as was each stray entry the listing met, see {@link
 *     Page#problems()}, which is no instance and is not counted)
 * @param files files of instance directories written to the directory stream (0 without one)
 * @param deleted instances the export listed but left out because a writer deleted them before
 *     their line was written: with a directory stream, each listed instance's document is read
 *     again after its files are archived, and one deleted by then is left out (0 without a
 *     directory stream, where each instance is written as it was listed)
 * @param skipped entries of the archived instance directories that are neither regular files nor
 *     directories, left out of the directory stream: symbolic links (never followed), FIFOs,
 *     sockets and devices (0 without a directory stream). Directories are not entries of the
 *     stream: the files in them recreate them, and an empty one is not carried
 */
public record ExportSummary(long instances, long damaged, long files, long deleted, long skipped) {

  /**
   * A summary of an export that left out no instance deleted meanwhile and no entry that is not a
   * regular file: {@code deleted} and {@code skipped} are 0 (the form of API 1.0, kept for source
   * compatibility).
   */
  public ExportSummary(long instances, long damaged, long files) {
    this(instances, damaged, files, 0, 0);
  }

  /**
   * A summary of an export that left out no entry that is not a regular file: {@code skipped} is 0
   * (kept for source compatibility).
   */
  public ExportSummary(long instances, long damaged, long files, long deleted) {
    this(instances, damaged, files, deleted, 0);
  }
}
