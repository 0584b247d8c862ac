package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The physical limit: the durable-replace protocol in plain Java with no store logic (no ID checks,
 * locks, versions, reads before writes or encoding). Each write puts a document of the same size as
 * Burrow's into a temporary file, forces it, renames it over the target with {@code ATOMIC_MOVE}
 * and forces the directory; without fsync the two forces are left out. A create makes the instance
 * directory first and forces its parent; a delete removes the file and the directory and forces the
 * parent.
 */
final class BareProtocolSubject implements Subject {
  private static final String DOCUMENT = "instance.json";

  private final Path instances;
  private final boolean fsync;
  private final byte[] document;

  BareProtocolSubject(Path root, Durability durability) {
    this.instances = root.resolve("instances");
    this.fsync = durability == Durability.FSYNC;
    this.document = Documents.encode(Documents.fresh("000000000000"));
    try {
      Files.createDirectories(instances);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void create(String id) {
    try {
      Path directory = Files.createDirectory(instances.resolve(id));
      replace(directory.resolve(DOCUMENT));
      force(instances);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void update(String id) {
    try {
      replace(instances.resolve(id).resolve(DOCUMENT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void get(String id) {
    try {
      Files.readAllBytes(instances.resolve(id).resolve(DOCUMENT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int list() {
    int read = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(instances)) {
      for (Path entry : entries) {
        Files.readAllBytes(entry.resolve(DOCUMENT));
        read++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return read;
  }

  @Override
  public void delete(String id) {
    try {
      Path directory = instances.resolve(id);
      Files.delete(directory.resolve(DOCUMENT));
      Files.delete(directory);
      force(instances);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void replace(Path target) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    if (directory == null) {
      throw new IllegalArgumentException(target + " has no directory");
    }
    Path temp =
        directory.resolve(
            "."
                + DOCUMENT
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(document);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (fsync) {
        channel.force(true);
      }
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    force(directory);
  }

  private void force(Path directory) throws IOException {
    if (fsync) {
      try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  @Override
  public void close() {}
}
