package dev.burrow.processor.generated;

import java.util.List;

/** A nested record, written by Jackson databind. */
public record Resources(int cpus, long memoryBytes, List<String> labels) {}
