package dev.burrow;

/**
 * What an export wrote.
 *
 * @param instances documents written, one line each
 * @param damaged instances that could not be read and were left out; each was reported to the
 *     store's corruption listener
 * @param files files of instance directories written to the directory stream (0 without one)
 */
public record ExportSummary(long instances, long damaged, long files) {}
