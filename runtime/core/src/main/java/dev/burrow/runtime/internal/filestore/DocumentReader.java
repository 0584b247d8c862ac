package dev.burrow.runtime.internal.filestore;

import dev.burrow.CorruptInstanceException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.transfer.ManagedFieldsMismatchException;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads and decodes the documents of a root's instances. A document is read only through a way
 * checked right before use ({@link SafeFiles}), or from the {@link DocumentCache} while its file is
 * unchanged. What cannot be an instance is reported as a {@link CorruptInstanceException} naming
 * the document, without being opened where opening is unsafe: a link, a FIFO, a socket, a device or
 * a directory in its place, or in its directory's place, a file over {@link
 * CheckedSchema#MAX_DOCUMENT_BYTES}, one this process may not read, an empty or undecodable file,
 * and one whose ID is not its directory's. A read racing deletes and creates of its instance sees
 * an instance or nothing, never a damaged one. Reads take no lock: a caller that needs the document
 * to stay holds the instance's.
 */
final class DocumentReader<T> {
  /** How many times a read racing deletes and creates of its instance looks again. */
  private static final int MAX_READ_ATTEMPTS = 16;

  /** A document as read: the instance, the size of its file and the file's modification time. */
  record Read<T>(T instance, int bytes, FileTime modified) {}

  /** Whether a read keeps what it read in the {@link DocumentCache}. */
  enum Reading {
    /** A read of one instance keeps its document: a read or a write of it is likely next. */
    ONE,
    /**
     * A listing, stream or index rebuild uses what is kept and keeps nothing: passing over every
     * instance of a large root, it would push out what reads of one instance keep.
     */
    SCAN
  }

  private final InstanceSchema<T> schema;
  private final FileLayout layout;
  private final DocumentCache documents;

  DocumentReader(InstanceSchema<T> schema, FileLayout layout, DocumentCache documents) {
    this.schema = schema;
    this.layout = layout;
    this.documents = documents;
  }

  /** The instance, or empty if there is none. */
  Optional<T> find(String id) {
    return load(id).map(Read::instance);
  }

  /** The instance, or empty if there is none or it cannot be read. */
  Optional<T> findReadable(String id) {
    try {
      return find(id);
    } catch (CorruptInstanceException e) {
      return Optional.empty();
    }
  }

  Optional<Read<T>> load(String id) {
    return load(id, Reading.ONE);
  }

  /**
   * Reads instance {@code id}: from the {@link DocumentCache} if its document is still the file
   * read before, through the checked way otherwise. A document missing because a delete moved the
   * instance away while it was being read is not there (empty), not damaged: the directory is
   * looked at again, and the document read again as long as deletes and creates of the same ID keep
   * replacing the directory ({@link DirectoryLook}; at most {@link #MAX_READ_ATTEMPTS} reads).
   */
  Optional<Read<T>> load(String id, Reading reading) {
    return load(id, reading, bytes -> {});
  }

  /**
   * Reads instance {@code id} as {@link #load(String, Reading)} does, handing {@code damagedBytes}
   * the size of a document read but found damaged before the report is thrown: a listing counts
   * what damaged documents made it read.
   */
  Optional<Read<T>> load(String id, Reading reading, IntConsumer damagedBytes) {
    Path directory = layout.instanceDirectory(id);
    Path document = directory.resolve(FileLayout.DOCUMENT);
    SafeFiles.Seen cached = documents.find(id, document);
    if (cached != null) {
      return Optional.of(decode(id, document, cached, damagedBytes));
    }
    @Nullable DirectoryLook seenWithoutDocument = null;
    for (int attempt = 1; ; attempt++) {
      SafeFiles.Seen seen;
      try {
        SafeFiles.checkWay(layout.root(), document);
        seen = SafeFiles.readSeen(document, CheckedSchema.MAX_DOCUMENT_BYTES);
      } catch (NoSuchFileException e) {
        DirectoryLook now = DirectoryLook.of(directory);
        if (now == null) {
          return Optional.empty();
        }
        if (!now.equals(seenWithoutDocument) && attempt < MAX_READ_ATTEMPTS) {
          seenWithoutDocument = now;
          continue;
        }
        throw corrupt(document, "the instance directory has no " + FileLayout.DOCUMENT, e);
      } catch (SafeFiles.RefusedFileException e) {
        if (!e.path().equals(document) && !e.path().equals(directory)) {
          throw CheckedPaths.refused(e);
        }
        throw corrupt(document, refusalOf(e, directory), e);
      } catch (AccessDeniedException e) {
        throw corrupt(document, "it cannot be read: permission denied", e);
      } catch (IOException e) {
        throw Failures.ofStep("cannot read " + document, document, e);
      }
      Read<T> read = decode(id, document, seen, damagedBytes);
      if (reading == Reading.ONE) {
        documents.remember(id, seen);
      }
      return Optional.of(read);
    }
  }

  private Read<T> decode(String id, Path document, SafeFiles.Seen seen, IntConsumer damagedBytes) {
    T instance;
    try {
      instance = decode(id, document, seen.bytes());
    } catch (CorruptInstanceException e) {
      damagedBytes.accept(seen.bytes().length);
      throw e;
    }
    return new Read<>(instance, seen.bytes().length, seen.attributes().lastModifiedTime());
  }

  /**
   * What a look at an instance directory found missing its document: which directory (its file key)
   * as it was then (its modification time). Deletes and creates racing a read replace the
   * directory, which changes both; a directory that stays the same across two reads without its
   * document is damaged.
   */
  private record DirectoryLook(@Nullable Object fileKey, FileTime modified) {
    static @Nullable DirectoryLook of(Path directory) {
      BasicFileAttributes attributes;
      try {
        attributes = SafeFiles.lstat(directory);
      } catch (IOException e) {
        throw Failures.ofStep("cannot read " + directory, directory, e);
      }
      return attributes == null
          ? null
          : new DirectoryLook(attributes.fileKey(), attributes.lastModifiedTime());
    }
  }

  /** Why the document cannot be read, for a refusal of the document or its directory. */
  private static String refusalOf(SafeFiles.RefusedFileException e, Path directory) {
    return e.path().equals(directory) ? e.reasonAbout("its instance directory") : e.reason();
  }

  private T decode(String id, Path document, byte[] bytes) {
    if (bytes.length == 0) {
      throw corrupt(document, "the file is empty", null);
    }
    T instance = RawSchema.decode(schema, bytes, (why, e) -> corrupt(document, why, e));
    if (!id.equals(schema.id(instance))) {
      String why =
          "its id '"
              + PathSegments.printable(schema.id(instance))
              + "' does not match its directory '"
              + id
              + "'";
      throw corrupt(document, why, new ManagedFieldsMismatchException(why));
    }
    return instance;
  }

  private static CorruptInstanceException corrupt(
      Path document, String reason, @Nullable Throwable cause) {
    return new CorruptInstanceException(document.toString(), reason, cause);
  }
}
