package dev.burrow.samples.jpms.postgres;

/**
 * A nested value: Burrow writes it with Jackson databind, which needs the package opened to it.
 *
 * @param city the city
 * @param country the country code
 */
public record Destination(String city, String country) {}
