package dev.burrow.processor.rules;

/** The language of the source a front end reads, in which diagnostics spell their advice. */
public enum Language {
  /** Java records and classes, and kapt's Java stubs of Kotlin classes. */
  JAVA,
  /** Kotlin classes, as KSP reads them. */
  KOTLIN;

  /** {@code java} or {@code kotlin}: what a message says in this language. */
  public String spell(String java, String kotlin) {
    return this == JAVA ? java : kotlin;
  }
}
