package dev.burrow.runtime.internal.json;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.internal.text.TypeNames;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON file holding a value of type {@code D}, mapped with Jackson. Writes replace the whole
 * file atomically ({@link AtomicFiles#write}): a reader, or a process started after a crash, sees
 * the complete old or the complete new value, never a mix. Every read and write first checks,
 * without following links, that the directories between the data root and the file are real
 * directories; reads refuse a link, a FIFO, a socket or a device without opening it, and never read
 * more than {@link #MAX_BYTES} ({@link SafeFiles}). This class serializes nothing: concurrent
 * writers race (last rename wins), so read-modify-write needs a lock, as shared documents take.
 *
 * <p>Cost: a read is one open and one read of the file; a write is the atomic replace protocol (two
 * {@code fsync}s under {@link Durability#FSYNC}).
 *
 * @param <D> the value type; any type Jackson maps (records, maps, beans)
 */
public final class JsonFile<D> {
  /**
   * Files larger than this are reported as corrupt instead of read into memory, and a value whose
   * JSON is larger is refused before it is written.
   */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private final Path root;
  private final Path path;
  private final Class<D> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final Durability durability;
  private final TempFiles temps;

  /** What a write writes and a read reads, for messages: "a Type for/from PATH". */
  private final String writeSubject;

  private final String readSubject;

  private JsonFile(
      Path root,
      Path path,
      Class<D> type,
      JsonMapper mapper,
      Durability durability,
      TempFiles temps) {
    this.root = root;
    this.path = path;
    this.type = type;
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type).withDefaultPrettyPrinter();
    this.durability = durability;
    this.temps = temps;
    this.writeSubject = "a " + TypeNames.of(type) + " for " + path;
    this.readSubject = "a " + TypeNames.of(type) + " from " + path;
  }

  /**
   * The JSON file at {@code path}, below the data root {@code root}; nothing is touched until it is
   * read or written.
   *
   * @param root the data root: no directory between it and the file may be a link
   * @param mapper maps values to JSON and back ({@link FilesMapper#INSTANCE} for defaults)
   * @param temps the temporary area of the data root the file is under
   */
  public static <D> JsonFile<D> of(
      Path root,
      Path path,
      Class<D> type,
      JsonMapper mapper,
      Durability durability,
      TempFiles temps) {
    return new JsonFile<>(root, path, type, mapper, durability, temps);
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /**
   * The stored value, or empty if the file does not exist.
   *
   * @throws CorruptJsonFileException naming the file if it cannot be read as {@code D}: not JSON,
   *     too large, unreadable, or a link or special file
   * @throws MisuseException if Jackson cannot read a {@code D} at all ({@link
   *     ReadBack#requireReadable}); nothing is read
   * @throws StorageException if the file cannot be read, or a directory on its way is a link
   */
  public Optional<D> read() {
    ReadBack.requireReadable(type, readSubject);
    byte[] bytes;
    try {
      SafeFiles.checkWay(root, path);
      bytes = SafeFiles.read(path, MAX_BYTES);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (SafeFiles.RefusedFileException e) {
      if (!e.path().equals(path)) {
        throw refusedWay(e);
      }
      throw new CorruptJsonFileException(path, e.reason(), e);
    } catch (AccessDeniedException e) {
      throw new CorruptJsonFileException(path, "it cannot be read: permission denied", e);
    } catch (IOException e) {
      throw Failures.ofStep("cannot read " + path, path, e);
    }
    int malformed = StrictUtf8.firstMalformed(bytes);
    if (malformed >= 0) {
      throw new CorruptJsonFileException(
          path,
          "not valid UTF-8: a malformed or overlong byte sequence at byte " + malformed,
          null);
    }
    try {
      D value = reader.readValue(bytes);
      if (value == null) {
        throw new CorruptJsonFileException(
            path, "it holds null, not a " + TypeNames.of(type), null);
      }
      return Optional.of(value);
    } catch (JacksonException e) {
      throw new CorruptJsonFileException(
          path,
          "not a valid " + TypeNames.of(type) + JsonErrors.where(e) + ": " + JsonErrors.plain(e),
          JsonReadFailure.of(e));
    }
  }

  /**
   * Replaces the file's content with {@code value}, atomically (creating the file if needed; its
   * directory must exist), once what Jackson writes for it is known to read back.
   *
   * @throws MisuseException if Jackson cannot write {@code value}, or what it writes is larger than
   *     {@link #MAX_BYTES} or does not read back; nothing is written
   * @throws StorageException naming the file and the failed step; the old content is then intact
   */
  public void write(D value) {
    byte[] content = encode(value);
    try {
      SafeFiles.checkWay(root, path);
    } catch (SafeFiles.RefusedFileException e) {
      throw refusedWay(e);
    } catch (IOException e) {
      throw new StorageException("cannot write " + path + ": " + Failures.describe(e), e);
    }
    AtomicFiles.write(path, content, durability, temps);
  }

  private StorageException refusedWay(SafeFiles.RefusedFileException e) {
    return new StorageException(
        "cannot use " + path + ": " + e.path() + ": " + e.plantedReason(), e);
  }

  /**
   * The bytes {@code value} is stored as, for files published another way; they are checked to read
   * back as a {@code D} ({@link ReadBack}).
   *
   * @throws MisuseException if Jackson cannot write {@code value}, or what it writes is larger than
   *     {@link #MAX_BYTES} or does not read back
   */
  public byte[] encode(D value) {
    ReadBack.requireWritable(type, writeSubject);
    byte[] json;
    try {
      json = writer.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new MisuseException(
          writeSubject
              + " cannot be written as JSON: "
              + JsonErrors.withoutAdvice(e.getOriginalMessage())
              + "; nothing was written",
          e);
    }
    if (json.length > MAX_BYTES) {
      throw new MisuseException(
          writeSubject
              + " is "
              + json.length
              + " bytes of JSON, more than the "
              + MAX_BYTES
              + " a JSON file may hold; nothing was written");
    }
    ReadBack.require(reader, json, writeSubject);
    return json;
  }
}
