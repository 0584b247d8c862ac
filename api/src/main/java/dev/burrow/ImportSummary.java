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
 */
public record ImportSummary(
    long created, long replaced, long unchanged, long keptNewer, long files) {

  /** Every document read. */
  public long documents() {
    return created + replaced + unchanged + keptNewer;
  }
}
