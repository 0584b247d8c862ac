package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.internal.events.FileEventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A counter root as Burrow wrote it before sharding (layout 1): every instance directory directly
 * under {@code instances/}, and a marker without a description. Also what a test looks at after an
 * upgrade: where instance directories are, and the layout the marker records.
 */
final class FlatRoot {
  static final int FLAT_LAYOUT = 1;

  /**
   * The layout a root is recorded in once a store that keeps no durable index opened it: sharded (a
   * store with indexes under {@code Durability.FSYNC} records 3, entries in top shards).
   */
  static final int SHARDED_LAYOUT = 2;

  static final String NOTES = "notes.txt";

  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  private FlatRoot() {}

  /** The marker of a counter root in layout 1. */
  static void writeMarker(Path root) throws IOException {
    Files.createDirectories(root.resolve(".burrow"));
    Files.writeString(root.resolve(".burrow/store.json"), "{\"kind\":\"counters\",\"layout\":1}");
  }

  /**
   * The instance {@link #counter(String)} of {@code id} in layout 1: its document, its
   * subdirectories, and {@code events} events in its log.
   *
   * @return the counter written
   */
  static Counter writeInstance(Path root, String id, int events) throws IOException {
    Path directory = root.resolve("instances").resolve(id);
    for (String sub : CounterSchema.INSTANCE.layout().subdirectories()) {
      Files.createDirectories(directory.resolve(sub));
    }
    Counter counter = counter(id);
    Files.write(directory.resolve("instance.json"), CounterSchema.INSTANCE.codec().encode(counter));
    if (events > 0) {
      StringBuilder lines = new StringBuilder();
      for (int n = 1; n <= events; n++) {
        lines.append("{\"n\":").append(n).append("}\n");
      }
      Path log = directory.resolve(FileEventLog.RELATIVE_PATH);
      Files.createDirectories(log.getParent());
      Files.writeString(log, lines);
    }
    return counter;
  }

  /** Leaves a user file, {@link #notesOf}, in the workspace of {@code id}, in layout 1. */
  static void writeNotes(Path root, String id) throws IOException {
    Files.writeString(
        root.resolve("instances").resolve(id).resolve("workspace").resolve(NOTES), notesOf(id));
  }

  /** The counter {@link #writeInstance} writes for {@code id}. */
  static Counter counter(String id) {
    return new Counter(id, 1, T0, T0, "PENDING", id.length(), Map.of("origin", "layout 1"));
  }

  /** The content of the user file {@link #writeNotes} leaves in {@code id}'s workspace. */
  static String notesOf(String id) {
    return "notes of " + id;
  }

  /** Instance directories directly under {@code instances/} (shards have an {@code @}). */
  static List<Path> flatInstanceDirectories(Path root) throws IOException {
    try (Stream<Path> entries = Files.list(root.resolve("instances"))) {
      return entries
          .filter(p -> !p.getFileName().toString().contains("@"))
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .toList();
    }
  }

  /** Instance directories in their shards, {@code instances/<top>/<leaf>/<id>}. */
  static List<Path> shardedInstanceDirectories(Path root) throws IOException {
    try (Stream<Path> entries = Files.walk(root.resolve("instances"), 3)) {
      return entries
          .filter(p -> root.relativize(p).getNameCount() == 4)
          .filter(p -> p.getParent().getFileName().toString().contains("@"))
          .toList();
    }
  }

  /** The layout the root's marker records, which must name the counters' kind. */
  static int recordedLayout(Path root) throws IOException {
    String marker = Files.readString(root.resolve(".burrow/store.json"), StandardCharsets.UTF_8);
    assertTrue(marker.contains("\"kind\":\"counters\""), marker);
    Matcher layout = Pattern.compile("\"layout\":(\\d+)").matcher(marker);
    return layout.find() ? Integer.parseInt(layout.group(1)) : FLAT_LAYOUT;
  }
}
