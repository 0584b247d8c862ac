package dev.burrow;

/**
 * Thrown when an instance ID (or a subdirectory name) breaks one of Burrow's rules. IDs name
 * directories, so they are checked before any file is touched; the rules are those of {@link
 * dev.burrow.spi.PathSegments}. The message names the rule that was broken.
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
    super("invalid instance id \"" + printableId + "\": " + rule);
    this.rule = rule;
  }

  /** The rule that was broken, in words. */
  public String rule() {
    return rule;
  }
}
