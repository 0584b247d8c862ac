package dev.burrow.processor.rules;

/**
 * A value read from the source and where it was written, for diagnostics about it.
 *
 * @param value the value
 * @param location where it was written
 */
public record Located<V, L>(V value, L location) {}
