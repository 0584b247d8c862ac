package dev.burrow.cli.command;

import dev.burrow.cli.output.Json;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entries of an instance's directory, as {@code show} lists them: walked without following a
 * link (a link, FIFO or other special file is named as such, never opened), an entry that cannot be
 * read listed with why instead of stopping the listing.
 */
final class InstanceTree {
  /** One entry: a directory, a regular file with its size, or something else named. */
  private record Entry(String path, boolean directory, long bytes, @Nullable String other) {}

  private final Path directory;
  private final List<Entry> entries;
  private final @Nullable String notListed;

  private InstanceTree(Path directory, List<Entry> entries, @Nullable String notListed) {
    this.directory = directory;
    this.entries = entries;
    this.notListed = notListed;
  }

  /** Lists {@code directory}, below the data root {@code root}. */
  static InstanceTree of(Path root, Path directory) {
    try {
      SafeFiles.checkDirectory(root, directory);
    } catch (SafeFiles.RefusedFileException e) {
      return new InstanceTree(directory, List.of(), e.path() + ": " + e.reason());
    } catch (NoSuchFileException e) {
      return new InstanceTree(directory, List.of(), "it is missing");
    } catch (IOException e) {
      return new InstanceTree(directory, List.of(), "it cannot be read: " + e);
    }
    List<Entry> entries = new ArrayList<>();
    try {
      Files.walkFileTree(directory, Set.of(), Integer.MAX_VALUE, new Walk(directory, entries));
    } catch (IOException e) {
      return new InstanceTree(directory, List.of(), "it cannot be read: " + e);
    }
    entries.sort(Comparator.comparing(Entry::path));
    return new InstanceTree(directory, entries, null);
  }

  private static final class Walk extends SimpleFileVisitor<Path> {
    private final Path top;
    private final List<Entry> entries;

    Walk(Path top, List<Entry> entries) {
      this.top = top;
      this.entries = entries;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      if (!dir.equals(top)) {
        entries.add(new Entry(name(dir), true, 0, null));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      entries.add(
          attributes.isRegularFile()
              ? new Entry(name(file), false, attributes.size(), null)
              : new Entry(
                  name(file), false, 0, SafeFiles.describe(file, attributes) + ", not followed"));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      if (!(e instanceof NoSuchFileException)) { // else removed while listed
        entries.add(new Entry(name(file), false, 0, "cannot be read: " + e));
      }
      return FileVisitResult.CONTINUE;
    }

    private String name(Path entry) {
      return top.relativize(entry).toString();
    }
  }

  Path directory() {
    return directory;
  }

  /** {@code [{"path", "directory": true | "bytes": N | "other": what}]}. */
  ArrayNode json() {
    ArrayNode listed = Json.array();
    for (Entry entry : entries) {
      ObjectNode item = listed.addObject().put("path", entry.path());
      String other = entry.other();
      if (entry.directory()) {
        item.put("directory", true);
      } else if (other != null) {
        item.put("other", other);
      } else {
        item.put("bytes", entry.bytes());
      }
    }
    return listed;
  }

  /** {@code directory DIR}, then one line per entry. */
  void print(PrintWriter out) {
    out.println("directory " + directory + (notListed == null ? "" : ": not listed, " + notListed));
    for (Entry entry : entries) {
      String other = entry.other();
      out.println(
          entry.directory()
              ? "  " + entry.path() + "/"
              : other != null
                  ? "  " + entry.path() + "  (" + other + ")"
                  : "  " + entry.path() + "  " + entry.bytes() + " bytes");
    }
  }
}
