package dev.burrow.runtime.reliability;

/** The event the reliability tests append: the {@code n}th event of its instance, from 1. */
public record Tick(long n) {}
