package dev.burrow.runtime.internal.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * What a parser said was wrong with some JSON, for a message about damaged data: Jackson's original
 * message, in which a location it quotes (such as an unclosed object's {@code (start marker at
 * [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column:
 * 1])}) is reduced to {@code line 1, column 1}, or left out when it has no line.
 */
public final class JsonErrors {
  private static final Pattern SOURCE = Pattern.compile("\\[Source: ([^\\]]*)\\]");
  private static final Pattern LINE = Pattern.compile("line: (\\d+), column: (\\d+)");
  private static final Pattern NOWHERE = Pattern.compile("\\s*\\((?:start marker )?at\\s*\\)");

  /** Jackson's advice about its own API, which a user of Burrow's internal mapper cannot follow. */
  private static final Pattern ADVICE =
      Pattern.compile("\\s*\\((?:consider using|to avoid exception)(?:[^()]|\\(\\))*\\)");

  private JsonErrors() {}

  /**
   * {@code " at line L, column C"}, where the parser found {@code e}, or nothing if it does not
   * say.
   */
  public static String where(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    return at != null && at.getLineNr() > 0 && at.getColumnNr() > 0
        ? " at line " + at.getLineNr() + ", column " + at.getColumnNr()
        : "";
  }

  /**
   * {@code e}'s original message without Jackson's source descriptions, on one line. The patterns
   * run only on a message that holds what they remove: a reader skipping a log of damaged lines
   * makes one such message per line.
   */
  public static String plain(JacksonException e) {
    String original = String.valueOf(e.getOriginalMessage());
    String plain = original.contains("[Source:") ? withoutSources(original) : original;
    if (plain.contains("(at") || plain.contains("(start marker at")) {
      plain = NOWHERE.matcher(plain).replaceAll("");
    }
    return plain.replace('\n', ' ').replace('\r', ' ').strip();
  }

  /**
   * {@code message} (Jackson's, about a value it cannot write or create) without Jackson's advice
   * about its own API, such as "(consider using `readerForUpdating()` ...)".
   */
  public static String withoutAdvice(@Nullable String message) {
    return ADVICE.matcher(String.valueOf(message)).replaceAll("");
  }

  /**
   * {@code message} with each {@code [Source: ...]} reduced to its line and column, or left out.
   */
  private static String withoutSources(String message) {
    Matcher source = SOURCE.matcher(message);
    StringBuilder plain = new StringBuilder();
    while (source.find()) {
      Matcher line = LINE.matcher(source.group(1));
      source.appendReplacement(
          plain,
          line.find()
              ? Matcher.quoteReplacement("line " + line.group(1) + ", column " + line.group(2))
              : "");
    }
    source.appendTail(plain);
    return plain.toString();
  }
}
