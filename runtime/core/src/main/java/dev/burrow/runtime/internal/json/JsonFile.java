package dev.burrow.runtime.internal.json;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON file holding a value of type {@code D}, mapped with Jackson. Writes replace the whole
 * file atomically ({@link AtomicFiles#write}): a reader, or a process started after a crash, sees
 * the complete old or the complete new value, never a mix. Reads never follow a symbolic link. This
 * class serializes nothing: concurrent writers race (last rename wins), so read-modify-write needs
 * a lock, as shared documents take.
 *
 * <p>Cost: a read is one open and one read of the file; a write is the atomic replace protocol (two
 * {@code fsync}s under {@link Durability#FSYNC}).
 *
 * @param <D> the value type; any type Jackson maps (records, maps, beans)
 */
public final class JsonFile<D> {
  /** Files larger than this are reported as corrupt instead of read into memory. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private final Path path;
  private final Class<D> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final Durability durability;
  private final TempFiles temps;

  private JsonFile(
      Path path, Class<D> type, JsonMapper mapper, Durability durability, TempFiles temps) {
    this.path = path;
    this.type = type;
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type).withDefaultPrettyPrinter();
    this.durability = durability;
    this.temps = temps;
  }

  /**
   * The JSON file at {@code path}; nothing is touched until it is read or written.
   *
   * @param mapper maps values to JSON and back ({@code JsonMapper.shared()} for defaults)
   * @param temps the temporary area of the data root the file is under
   */
  public static <D> JsonFile<D> of(
      Path path, Class<D> type, JsonMapper mapper, Durability durability, TempFiles temps) {
    return new JsonFile<>(path, type, mapper, durability, temps);
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /**
   * The stored value, or empty if the file does not exist.
   *
   * @throws CorruptJsonFileException naming the file if it cannot be read as {@code D}
   * @throws StorageException if the file cannot be read
   */
  public Optional<D> read() {
    byte[] bytes;
    try {
      bytes = readBytes();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (FileSystemLoopException e) {
      throw new CorruptJsonFileException(path, "it is a symbolic link; Burrow never follows it", e);
    } catch (IOException e) {
      if (Files.isSymbolicLink(path)) {
        throw new CorruptJsonFileException(
            path, "it is a symbolic link; Burrow never follows it", e);
      }
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new CorruptJsonFileException(path, "it is a directory, not a file", e);
      }
      throw new StorageException("cannot read " + path + ": " + e, e);
    }
    try {
      D value = reader.readValue(bytes);
      if (value == null) {
        throw new CorruptJsonFileException(
            path, "it holds null, not a " + type.getSimpleName(), null);
      }
      return Optional.of(value);
    } catch (JacksonException e) {
      throw new CorruptJsonFileException(
          path, "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private byte[] readBytes() throws IOException {
    try (SeekableByteChannel channel =
        Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > MAX_BYTES) {
        throw new CorruptJsonFileException(
            path, "it is " + size + " bytes, more than the limit of " + MAX_BYTES, null);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // reads until the buffer is full or the file ends
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }

  /**
   * Replaces the file's content with {@code value}, atomically (creating the file if needed; its
   * directory must exist).
   *
   * @throws StorageException naming the file and the failed step; the old content is then intact
   */
  public void write(D value) {
    AtomicFiles.write(path, encode(value), durability, temps);
  }

  /**
   * The bytes {@code value} is stored as, for files published another way.
   *
   * @throws IllegalArgumentException if Jackson cannot map {@code value}
   */
  public byte[] encode(D value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "cannot write a "
              + type.getSimpleName()
              + " as JSON to "
              + path
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }
}
