package dev.burrow;

/**
 * Policy for a JSON field in a stored document that the record does not declare, such as one
 * written by a newer version of the program or removed from the record since.
 */
public enum UnknownFields {
  /**
   * The field is skipped when read, and gone after the next write of that instance. This suits a
   * field that was removed from the record. A program that must not drop fields written by a newer
   * version should choose {@link #FAIL}.
   */
  IGNORE,

  /**
   * Reading fails with a {@link CorruptInstanceException} that names the file and the field;
   * nothing is written, so nothing is lost.
   */
  FAIL
}
