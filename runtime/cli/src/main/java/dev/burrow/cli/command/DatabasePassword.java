package dev.burrow.cli.command;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The password {@code migrate} connects with, kept out of the command line (where {@code ps} and
 * the shell's history show it): the first line of {@code --password-file}, else the environment
 * variable {@code PGPASSWORD} (libpq's), else none (the URL's own, or none at all).
 */
final class DatabasePassword {
  /** The variable libpq and psql read the password from. */
  static final String VARIABLE = "PGPASSWORD";

  private static final Pattern IN_URL = Pattern.compile("[?&]password=");

  private DatabasePassword() {}

  /**
   * The password to give the driver for {@code url}, or null to give none: a password in the URL
   * itself is the driver's, and wins over {@code PGPASSWORD} as in libpq.
   *
   * @throws IllegalArgumentException if {@code file} is a directory or empty, or is given with a
   *     URL that has a password too
   * @throws IOException if {@code file} cannot be read: named with why, as every file named on the
   *     command line that cannot be opened
   */
  static @Nullable String of(String url, @Nullable Path file, Map<String, String> environment)
      throws IOException {
    boolean inUrl = IN_URL.matcher(url).find();
    if (file != null) {
      if (inUrl) {
        throw new IllegalArgumentException(
            "--password-file and a password in --to were both given; give it once, in the file");
      }
      return firstLine(file);
    }
    return inUrl ? null : environment.get(VARIABLE);
  }

  private static String firstLine(Path file) throws IOException {
    RootCommand.requireNoDirectory(
        file, "--password-file", "a file whose first line is the password");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "--password-file " + file + " is not UTF-8 text; its first line is the password", e);
    }
    String line = text.lines().findFirst().orElse("");
    if (line.isEmpty()) {
      throw new IllegalArgumentException(
          "--password-file " + file + " is empty; its first line is the password");
    }
    return line;
  }
}
