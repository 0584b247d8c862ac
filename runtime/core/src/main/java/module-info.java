/**
 * Burrow's runtime: the filesystem backend, atomic files, locks, IDs, event logs, shared files and
 * sessions behind the stores the annotation processor generates. A consumer needs only {@code
 * requires dev.burrow.runtime;}.
 *
 * <p>Exported for generated code only, and not an API for users: {@code dev.burrow.runtime} (the
 * engine generated stores delegate to), {@code dev.burrow.runtime.codec} (the codecs generated
 * schemas use) and {@code dev.burrow.runtime.kotlin} (Kotlin classes' own default values).
 * Everything under {@code dev.burrow.runtime.internal} is closed, except to Burrow's own modules.
 */
@SuppressWarnings("module") // qualified exports name Burrow modules built after this one
module dev.burrow.runtime {
  requires transitive dev.burrow.api;
  requires transitive tools.jackson.databind;
  requires jdk.jfr;

  exports dev.burrow.runtime;
  exports dev.burrow.runtime.codec;
  exports dev.burrow.runtime.kotlin;
  exports dev.burrow.runtime.internal.cache to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.filestore to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.fs to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.id to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.jfr to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.json to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.lock to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.store to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.text to
      dev.burrow.postgres;
  exports dev.burrow.runtime.internal.transfer to
      dev.burrow.postgres;
}
