package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a call breaks the API's rules, a programmer or set-up error that no retry can fix: a
 * change that returns null, changes the instance's ID or writes the instance it changes (through
 * any store on its data root), a value built for another instance, an empty {@code lockAll}, a lock
 * closed by a thread that does not hold it, a store used after it was closed (or an event log,
 * files, shared files, session or query it handed out, whenever taken); at open, a data root that
 * holds another kind (or serves other PostgreSQL tables, or the other backend), a database not in
 * UTF-8, a nested type that Jackson could not read back (in a named module that does not open its
 * package to Jackson databind, or a Kotlin class without Jackson 3's Kotlin module); a host clock
 * outside the range of Snowflake IDs (before 2024 or after 2093). The message says how to fix it.
 * Nothing was changed by the call.
 */
public class MisuseException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says which rule was broken and how to fix it. */
  public MisuseException(String message) {
    super(message);
  }

  /** Creates the exception with such a message and what was thrown when the rule broke. */
  public MisuseException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
