package dev.burrow.runtime.internal.transfer;

/**
 * An entry of instance directories that an export or an import left out, with why: an archive entry
 * an import did not write, or a file an export could not read.
 *
 * @param location the archive entry ({@code <id>/<path>}, as the archive names it: raw, so escape
 *     it to print it) or the file's path
 * @param reason why it was left out, in words
 */
public record Skipped(String location, String reason) {}
