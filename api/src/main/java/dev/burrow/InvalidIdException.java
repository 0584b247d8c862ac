package dev.burrow;

/**
 * Thrown when an instance ID, or another name that becomes a file or directory name (a
 * subdirectory, a shared document, lock or folder), breaks one of Burrow's rules. Such names are
 * checked before any file is touched; the rules are those of {@link dev.burrow.spi.PathSegments}.
 * The message says what the name was for and names the rule that was broken.
 */
public class InvalidIdException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String rule;

  /**
   * Creates the exception.
   *
   * @param printableId the rejected ID with control characters escaped, safe to log
   * @param rule the rule it broke
   */
  public InvalidIdException(String printableId, String rule) {
    this("instance id", printableId, rule);
  }

  /**
   * Creates the exception for a name other than an instance ID.
   *
   * @param what what the name is for, such as {@code "shared lock name"}
   * @param printableName the rejected name with control characters escaped, safe to log
   * @param rule the rule it broke
   */
  public InvalidIdException(String what, String printableName, String rule) {
    super("invalid " + what + " \"" + printableName + "\": " + rule);
    this.rule = rule;
  }

  /** The rule that was broken, in words. */
  public String rule() {
    return rule;
  }
}
