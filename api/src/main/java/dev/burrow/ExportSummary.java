package dev.burrow;

/**
 * What an export wrote, and what it left out. An export reads a page of instances at a time beside
 * running writers, so {@code instances + damaged + deleted} is the number of instances it listed.
 *
 * @param instances documents written, one line each
 * @param damaged instances that could not be read and were left out; each was reported to the
 *     store's corruption listener
 * @param files files of instance directories written to the directory stream (0 without one)
 * @param deleted instances the export listed but left out because a writer deleted them before
 *     their line was written: with a directory stream, each listed instance's document is read
 *     again after its files are archived, and one deleted by then is left out (0 without a
 *     directory stream, where each instance is written as it was listed)
 */
public record ExportSummary(long instances, long damaged, long files, long deleted) {

  /**
   * A summary of an export that left out no instance deleted meanwhile: {@code deleted} is 0 (the
   * form of API 1.0, kept for source compatibility).
   */
  public ExportSummary(long instances, long damaged, long files) {
    this(instances, damaged, files, 0);
  }
}
