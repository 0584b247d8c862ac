package dev.burrow.postgres.internal;

/**
 * Index keys as PostgreSQL sees them: the SQL function that reads a component's key from a stored
 * document, and the same mapping applied in Java to the keys a query looks for.
 *
 * <p>{@code {p}index_key(document, field, fallback)} is the text of the document's field, as {@code
 * IndexedField.keyOf} gives it for documents Burrow wrote (strings unquoted, numbers and booleans
 * as written); {@code fallback} (the key of the component's default) if the field is missing, as it
 * is in documents written before the component existed; null if its value is JSON {@code null} or
 * the document is not a readable JSON object. PostgreSQL text holds neither NUL nor an unpaired
 * surrogate, and its JSON functions reject a document that escapes either anywhere, so those
 * escapes are read as U+FFFD first: a key that holds them is looked for with them replaced, and
 * every row found is verified against the real key in Java. The function is immutable, and not
 * parallel safe (its exception handler starts a subtransaction).
 */
final class IndexKeys {
  /** Creates the function; run once by a migration. */
  static final String FUNCTION =
      """
      CREATE FUNCTION {p}index_key(document text, field text, fallback text) RETURNS text
      LANGUAGE plpgsql IMMUTABLE AS $f$
      DECLARE
        cleaned text := document;
        parsed json;
      BEGIN
        IF strpos(cleaned, $r$\\u$r$) > 0 THEN
          cleaned := replace(cleaned, $r$\\\\$r$, chr(1));
          cleaned := replace(cleaned, $r$\\u0000$r$, $r$\\ufffd$r$);
          cleaned := regexp_replace(cleaned,
            $r$\\\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\\\u[dD][c-fC-F][0-9a-fA-F]{2})$r$,
            $r$\\\\ufffd$r$, 'g');
          cleaned := regexp_replace(cleaned,
            $r$(?<!\\\\u[dD][89abAB][0-9a-fA-F]{2})\\\\u[dD][c-fC-F][0-9a-fA-F]{2}$r$,
            $r$\\\\ufffd$r$, 'g');
          cleaned := replace(cleaned, chr(1), $r$\\\\$r$);
        END IF;
        BEGIN
          parsed := cleaned::json;
          IF json_typeof(parsed) <> 'object' THEN
            RETURN NULL;
          END IF;
          IF parsed -> field IS NULL THEN
            RETURN fallback;
          END IF;
          RETURN parsed ->> field;
        EXCEPTION WHEN others THEN
          RETURN NULL;
        END;
      END
      $f$""";

  private IndexKeys() {}

  /** {@code key} as the function returns it: NUL and unpaired surrogates replaced by U+FFFD. */
  static String text(String key) {
    StringBuilder text = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < key.length()
          && Character.isLowSurrogate(key.charAt(i + 1))) {
        text.append(c).append(key.charAt(++i));
      } else if (c == '\0' || Character.isSurrogate(c)) {
        text.append('\ufffd');
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** {@code value} as a SQL string literal, whatever {@code standard_conforming_strings} says. */
  static String literal(String value) {
    return "E'" + text(value).replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
