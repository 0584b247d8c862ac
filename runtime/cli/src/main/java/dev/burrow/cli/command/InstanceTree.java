package dev.burrow.cli.command;

import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TreeWalk;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entries of an instance's directory, as {@code show} lists them: walked without following a
 * link (a link, FIFO or other special file is named as such, never opened), an entry that cannot be
 * read listed with why (unreadable) instead of stopping the listing; a link or a file in place of
 * the directory itself is damage. Only the first {@link #MAX_ENTRIES} entries in path order are
 * kept, the rest only counted, so that a directory of millions of files (a run's output) costs
 * neither memory nor output.
 */
final class InstanceTree {
  /** The most entries listed; the others are counted. */
  static final int MAX_ENTRIES = 1000;

  private static final Comparator<Entry> BY_PATH = Comparator.comparing(Entry::path);

  /** One entry: a directory, a regular file with its size, or something else named. */
  private record Entry(String path, boolean directory, long bytes, @Nullable String other) {}

  /**
   * What could not be listed: where, why, and whether because it cannot be read (unreadable, such
   * as permission denied) or because it is not what belongs there (damaged).
   */
  record Problem(Path location, String reason, boolean unreadable) {
    static Problem of(Path location, IOException e) {
      return new Problem(location, Damage.unreadable(e), true);
    }

    /** {@code unreadable} or {@code damaged}. */
    String word() {
      return unreadable ? "unreadable" : "damaged";
    }
  }

  private final Path directory;
  private final List<Entry> entries;
  private final long notShown;
  private final @Nullable String notListed;
  private final List<Problem> problems;

  private InstanceTree(
      Path directory,
      List<Entry> entries,
      long notShown,
      @Nullable String notListed,
      List<Problem> problems) {
    this.directory = directory;
    this.entries = entries;
    this.notShown = notShown;
    this.notListed = notListed;
    this.problems = problems;
  }

  /**
   * The tree of a directory not listed for {@code problem}, named as every command names it ({@code
   * unreadable: DIR: it cannot be read: permission denied}, {@code damaged: …}).
   */
  private static InstanceTree unlisted(Path directory, Problem problem) {
    return new InstanceTree(
        directory,
        List.of(),
        0,
        problem.word() + ": " + problem.location() + ": " + problem.reason(),
        List.of(problem));
  }

  /**
   * Lists {@code directory}, below the data root {@code root}; a directory that it, or a directory
   * on its way, may not read is not listed, and named unreadable: the directory on the way (a
   * shard) where that is the one this process may not enter.
   */
  static InstanceTree of(Path root, Path directory) {
    Walk walk = new Walk(directory);
    try {
      SafeFiles.checkDirectory(root, directory);
      TreeWalk.walk(directory, walk);
    } catch (SafeFiles.RefusedFileException e) {
      return unlisted(directory, new Problem(e.path(), e.reason(), false));
    } catch (NoSuchFileException e) {
      return new InstanceTree(directory, List.of(), 0, "it is missing", List.of());
    } catch (AccessDeniedException e) {
      return unlisted(directory, Problem.of(firstUnsearchable(root, directory), e));
    } catch (IOException e) {
      return unlisted(directory, Problem.of(directory, e));
    }
    List<Entry> entries = new ArrayList<>(walk.first);
    entries.sort(BY_PATH);
    return new InstanceTree(directory, entries, walk.notShown, null, walk.problems);
  }

  /**
   * What keeps this process out of {@code directory}, below {@code root}: the first directory on
   * the way (a shard) that it may not search, else {@code directory} itself.
   */
  private static Path firstUnsearchable(Path root, Path directory) {
    if (!directory.startsWith(root)) {
      return directory;
    }
    Path relative = root.relativize(directory);
    Path at = root;
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      at = at.resolve(relative.getName(i));
      if (!Files.isExecutable(at)) {
        return at;
      }
    }
    return directory;
  }

  private static final class Walk extends SimpleFileVisitor<Path> {
    private final Path top;

    /** The first {@link InstanceTree#MAX_ENTRIES} entries in path order met so far, last on top. */
    final PriorityQueue<Entry> first = new PriorityQueue<>(BY_PATH.reversed());

    long notShown;
    final List<Problem> problems = new ArrayList<>();

    Walk(Path top) {
      this.top = top;
    }

    /** Keeps {@code entry} if it is among the first entries in path order, else counts it. */
    private void add(Entry entry) {
      first.add(entry);
      if (first.size() > MAX_ENTRIES) {
        first.poll();
        notShown++;
      }
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
      if (!dir.equals(top)) {
        add(new Entry(name(dir), true, 0, null));
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      add(
          attributes.isRegularFile()
              ? new Entry(name(file), false, attributes.size(), null)
              : new Entry(
                  name(file), false, 0, SafeFiles.describe(file, attributes) + ", not followed"));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
      if (file.equals(top)) {
        throw e; // the directory itself cannot be opened: nothing of it is listed
      }
      if (!(e instanceof NoSuchFileException)) { // else removed while listed
        Problem problem = Problem.of(file, e);
        add(new Entry(name(file), false, 0, problem.word() + ": " + problem.reason()));
        problems.add(problem);
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) {
      if (e != null && !(e instanceof NoSuchFileException)) { // listed only in part
        problems.add(Problem.of(dir, e));
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

  /** Whether the directory was there and listed (not missing, not a link or unreadable). */
  boolean listed() {
    return notListed == null;
  }

  /** What could not be listed: an entry that cannot be read, a link in the directory's place. */
  List<Problem> problems() {
    return problems;
  }

  /** How many entries there are beyond the {@link #MAX_ENTRIES} listed. */
  long notShown() {
    return notShown;
  }

  /** {@code [{"path", "directory": true | "bytes": N | "other": what}]}, the listed entries. */
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

  /** {@code directory DIR}, then one line per listed entry, then how many more there are. */
  void print(PrintWriter out) {
    out.println(
        Printable.escaped(
            "directory " + directory + (notListed == null ? "" : ": not listed, " + notListed)));
    for (Entry entry : entries) {
      String other = entry.other();
      out.println(
          Printable.escaped(
              entry.directory()
                  ? "  " + entry.path() + "/"
                  : other != null
                      ? "  " + entry.path() + "  (" + other + ")"
                      : "  " + entry.path() + "  " + Counts.of(entry.bytes(), "byte")));
    }
    if (notShown > 0) {
      out.println(
          "  ... and "
              + notShown
              + " more "
              + (notShown == 1 ? "entry" : "entries")
              + " not shown (the first "
              + MAX_ENTRIES
              + " are listed)");
    }
  }
}
