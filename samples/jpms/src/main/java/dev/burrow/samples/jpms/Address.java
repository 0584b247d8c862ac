package dev.burrow.samples.jpms;

/**
 * A nested value: Burrow writes it with Jackson databind, which needs the package opened to it.
 *
 * @param city the city
 * @param country the country code
 */
public record Address(String city, String country) {}
