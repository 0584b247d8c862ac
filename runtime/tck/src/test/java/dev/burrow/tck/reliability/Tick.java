package dev.burrow.tck.reliability;

/** The event the reliability tests append: the {@code n}th event of its instance, from 1. */
public record Tick(long n) {}
