package dev.burrow.processor.generated;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.nio.file.Path;

/**
 * Text the user wrote that generated code carries: a default data root with characters that
 * JavaPoet, Javadoc and javac read specially, and default literals holding the line and paragraph
 * separators, which JavaPoet writes as line breaks.
 */
@Instance(name = "user-texts", defaultDataRoot = UserText.ROOT)
public record UserText(
    @InstanceId String id,
    @Version long version,
    @Default(UserText.SEPARATED) String text,
    @Default(UserText.SEPARATED) Path path) {

  /** A data root with $, the end of a comment, braces, @, backslashes and a line separator. */
  public static final String ROOT = "cost$/a*/b/{@code c}/C:\\users\\\u2028x";

  /** Every line terminator JavaPoet's writer breaks lines at, and a quote. */
  public static final String SEPARATED = "a\u2028b\u2029c\nd\re\u0085f\"g";
}
