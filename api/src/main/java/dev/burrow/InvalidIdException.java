package dev.burrow;

/**
 * Thrown when an instance ID breaks one of Burrow's rules. IDs name directories, so they are
 * checked before any file is touched. The rules: 1 to 128 characters from {@code A-Z a-z 0-9
 * . _ -}; not starting with {@code .} or {@code -}; not ending with {@code .}; not a reserved
 * device name on any platform ({@code CON}, {@code NUL}, {@code COM1}, ...), with or without
 * an extension. The message names the rule that was broken.
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
