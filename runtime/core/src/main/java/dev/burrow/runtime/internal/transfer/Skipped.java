package dev.burrow.runtime.internal.transfer;

/**
 * An entry of instance directories that an export or an import left out, with why: an archive entry
 * an import did not write, or a file an export could not read; or an instance whose document an
 * import did not write because the target holds it damaged.
 *
 * @param location the archive entry ({@code <id>/<path>}, as the archive names it: raw, so escape
 *     it to print it) or the file's path
 * @param reason why it was left out, in words
 * @param heldDamaged whether this is an instance the target holds damaged, which is also counted in
 *     {@link dev.burrow.ImportSummary#damaged}: the target lacks the source's document
 */
public record Skipped(String location, String reason, boolean heldDamaged) {
  /** An entry left out that is no instance the target holds damaged. */
  public Skipped(String location, String reason) {
    this(location, reason, false);
  }
}
