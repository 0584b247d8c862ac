package dev.burrow.samples.jpms.unopened;

/**
 * A nested value in a package that {@code module-info.java} does not open to Jackson databind.
 *
 * @param text the text
 */
public record Detail(String text) {}
