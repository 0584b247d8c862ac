package dev.burrow;

/**
 * What an import (or a copy between stores) did with each document it read. Importing the same
 * export again creates and replaces nothing: every document is then {@code unchanged}.
 *
 * @param created instances that did not exist and were created, with the export's ID, version and
 *     timestamps
 * @param replaced instances stored with an older version, replaced by the export's document
 * @param unchanged instances already stored with the same version, left as they are
 * @param keptNewer instances stored with a newer version than the export's, left as they are
 * @param files files of instance directories written (0 without a directory stream); a file already
 *     there and at least as new is left as it is
 * @param damaged damaged instances of the source that could not be read and were left out, so the
 *     target lacks them: for a copy, those the source store found (each reported to its corruption
 *     listener, which names the file and why); for an import, those the export's closing line
 *     counts (the export left them out). 0 means the target got every instance of the source
 */
public record ImportSummary(
    long created, long replaced, long unchanged, long keptNewer, long files, long damaged) {

  /** Every document read. */
  public long documents() {
    return created + replaced + unchanged + keptNewer;
  }
}
