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
 * @param damaged instances of the source the target lacks because one side holds them damaged:
 *     damaged instances of the source that could not be read and were left out (for a copy, those
 *     the source store found, each reported to its corruption listener, which names the file and
 *     why, and to which a stray entry of its instances directory, not counted, is reported too; for
 *     an import, those the export's closing line counts: the export left them out), and each
 *     instance the target holds damaged, whose document the source's is not written over (also
 *     counted in {@code skipped}; for a copy, reported to the source store's corruption listener,
 *     for an import, named with the skipped entries). 0 means the target got every instance of the
 *     source
 * @param skipped entries of instance directories, and instances, that were not written: for a copy,
 *     the symbolic links (never followed), FIFOs, sockets and devices in the source's directories;
 *     for an import, the archive's entries of other types than files and directories (an export by
 *     Burrow has none: it counts them in {@link ExportSummary#skipped}), and the files it had no
 *     place for: an instance's document, a file of an instance no export line names, a file whose
 *     place is a directory or a link or lies under something other than a directory. A file the
 *     target holds at least as new is not counted, nor is an empty directory, which is not carried;
 *     and, for an import or a copy, each instance the target holds damaged (a document it cannot
 *     read): neither the source's document nor its files are written over it, and it is counted in
 *     {@code damaged} too
 */
public record ImportSummary(
    long created,
    long replaced,
    long unchanged,
    long keptNewer,
    long files,
    long damaged,
    long skipped) {

  /**
   * A summary that skipped no entry: {@code skipped} is 0 (the form of API 1.0, kept for source
   * compatibility).
   */
  public ImportSummary(
      long created, long replaced, long unchanged, long keptNewer, long files, long damaged) {
    this(created, replaced, unchanged, keptNewer, files, damaged, 0);
  }

  /** Every document read. */
  public long documents() {
    return created + replaced + unchanged + keptNewer;
  }
}
