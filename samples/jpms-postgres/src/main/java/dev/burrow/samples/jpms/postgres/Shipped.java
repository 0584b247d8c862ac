package dev.burrow.samples.jpms.postgres;

/**
 * An event in a parcel's log, written with Jackson databind like a nested value.
 *
 * @param carrier who took the parcel
 */
public record Shipped(String carrier) {}
