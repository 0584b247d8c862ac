package dev.burrow.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A data root as text for a failure message: its entries, sizes and short file contents, Burrow's
 * own under {@code .burrow/} last, so that the cut at {@value #MAX_ENTRIES} entries falls on them
 * before the instances. Lock and lease files are listed with their size only: opening and closing a
 * file drops every POSIX lock this process holds on it, such as a live worker's lease.
 */
final class RootListing {
  private static final int MAX_ENTRIES = 60;
  private static final Path BOOKKEEPING = Path.of(".burrow");
  private static final int MAX_SHOWN_BYTES = 512;
  private static final int MAX_SHOWN_CHARS = 200;

  private RootListing() {}

  static String of(Path root) {
    List<Path> entries;
    try (Stream<Path> all = Files.walk(root)) {
      entries =
          all.filter(p -> !p.equals(root))
              .sorted(
                  Comparator.comparing((Path p) -> root.relativize(p).startsWith(BOOKKEEPING))
                      .thenComparing(Comparator.naturalOrder()))
              .toList();
    } catch (IOException e) {
      return "  (cannot be listed: " + e + ")";
    } catch (UncheckedIOException e) {
      return "  (cannot be listed: " + e.getCause() + ")"; // a directory could not be read
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception undeclared) {
      // JDK 17's internal sun.nio.fs.UnixException, which it throws without declaring it when
      // closing a directory handle it opened for the walk fails (EIO, ENOSPC)
      return "  (cannot be listed: " + undeclared + ")";
    }
    if (entries.isEmpty()) {
      return "  (empty)";
    }
    StringBuilder out = new StringBuilder();
    for (Path entry : entries.subList(0, Math.min(entries.size(), MAX_ENTRIES))) {
      out.append("  ").append(root.relativize(entry));
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        out.append('/');
      } else {
        out.append("  ").append(content(entry));
      }
      out.append('\n');
    }
    if (entries.size() > MAX_ENTRIES) {
      out.append("  ... and ").append(entries.size() - MAX_ENTRIES).append(" more\n");
    }
    return out.toString();
  }

  /**
   * Whether {@code file} is a lock file or a lease file (of a worker or a temporary-file session),
   * which must not be opened while a store may hold a lock on it.
   */
  static boolean isLockOrLease(Path file) {
    String name = String.valueOf(file.getFileName());
    return name.endsWith(".lock") || name.endsWith(".lease");
  }

  private static String content(Path file) {
    try {
      long size = Files.size(file);
      if (size == 0 || size > MAX_SHOWN_BYTES || isLockOrLease(file)) {
        return size + " bytes";
      }
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString()
              .replace("\n", "\\n");
      if (text.chars().anyMatch(c -> c < 0x20)) {
        return size + " bytes (binary)";
      }
      return size
          + " bytes: "
          + (text.length() > MAX_SHOWN_CHARS ? text.substring(0, MAX_SHOWN_CHARS) + "..." : text);
    } catch (CharacterCodingException e) {
      return "(not UTF-8)";
    } catch (IOException e) {
      return "(cannot be read: " + e + ")";
    }
  }
}
