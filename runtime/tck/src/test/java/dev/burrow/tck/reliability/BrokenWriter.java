package dev.burrow.tck.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Ways to replace a file, right and wrong, written by hand in test code to show that the
 * crash-state simulation tells them apart. Only {@link #CORRECT} is what Burrow does.
 */
enum BrokenWriter {
  /** Temp file, fsync it, rename over the target, fsync the directory. */
  CORRECT,
  /** Forgets to fsync the temp file: the rename can reach the disk before the data. */
  NO_FILE_FSYNC,
  /** Forgets to fsync the directory: the rename can be lost after it was acknowledged. */
  NO_DIR_FSYNC,
  /** Renames an empty file into place, then writes the data: rename and data misordered. */
  RENAME_BEFORE_DATA,
  /** Overwrites the target in place (truncate, write, fsync): a crash tears it. */
  IN_PLACE;

  void write(Path target, byte[] content) throws IOException {
    Path directory = target.getParent();
    Path temp = directory.resolve("." + target.getFileName() + ".hand.tmp");
    switch (this) {
      case CORRECT, NO_FILE_FSYNC, NO_DIR_FSYNC -> {
        writeFile(temp, content, this != NO_FILE_FSYNC, StandardOpenOption.CREATE_NEW);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        if (this != NO_DIR_FSYNC) {
          fsyncDirectory(directory);
        }
      }
      case RENAME_BEFORE_DATA -> {
        writeFile(temp, new byte[0], false, StandardOpenOption.CREATE_NEW);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        writeFile(target, content, true, StandardOpenOption.TRUNCATE_EXISTING);
        fsyncDirectory(directory);
      }
      case IN_PLACE -> writeFile(target, content, true, StandardOpenOption.TRUNCATE_EXISTING);
      default -> throw new AssertionError(this);
    }
  }

  private static void writeFile(Path file, byte[] content, boolean fsync, StandardOpenOption mode)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, mode)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (fsync) {
        channel.force(true);
      }
    }
  }

  private static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
