package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.filestore.DocumentReader.Read;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.ModificationStamps;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.index.FileIndexes;
import dev.burrow.runtime.internal.lock.SharedLock;
import dev.burrow.runtime.internal.shard.ShardDirectories;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Writes the documents of a root's instances, for a caller that holds the instance's lock. A create
 * ({@link #publish}) builds the whole instance directory in {@code .burrow/staging/}, flushes it,
 * and renames it into its shard: the instance appears complete or not at all, and an existing one
 * is never overwritten. A replace ({@link #overwrite}) writes the document with {@link
 * AtomicFiles#write}, stamped after the file it replaces ({@link ModificationStamps}). Either adds
 * the index entries of changed values before the document is written and a replace removes the old
 * ones after it ({@link FileIndexes}). The {@link DocumentCache} then holds the file written; a
 * replace whose write fails leaves nothing of the instance in it.
 */
final class DocumentWriter<T> {
  private final InstanceSchema<T> schema;
  private final FileLayout layout;
  private final Durability durability;
  private final FileIndexes<T> indexes;
  private final ShardDirectories shards;
  private final DocumentCache documents;

  DocumentWriter(
      InstanceSchema<T> schema,
      FileLayout layout,
      Durability durability,
      FileIndexes<T> indexes,
      ShardDirectories shards,
      DocumentCache documents) {
    this.schema = schema;
    this.layout = layout;
    this.durability = durability;
    this.indexes = indexes;
    this.shards = shards;
    this.documents = documents;
  }

  /**
   * Creates instance {@code id} with {@code instance} as its document, at its directory {@code
   * target}.
   *
   * @throws InstanceAlreadyExistsException if the instance exists
   * @throws OutcomeUnknownException if the instance is in place but its shard directories could not
   *     be flushed
   * @throws BurrowException if a directory on the way to {@code target} is a link or not a
   *     directory
   * @throws StorageException if the create failed; the instance was not created
   */
  void publish(String id, T instance, Path target) {
    if (instanceExists(target)) {
      throw new InstanceAlreadyExistsException(id);
    }
    Path staged = FileLayout.uniqueEntry(layout.staging(), id);
    boolean published = false;
    SharedLock.Hold writing = indexes.added(id, null, instance);
    try {
      layout.checkWay(staged);
      OwnerOnly.createDirectory(staged);
      byte[] content = schema.codec().encode(instance);
      BasicFileAttributes written =
          AtomicFiles.writeNewFile(
              staged.resolve(FileLayout.DOCUMENT),
              content,
              durability,
              ModificationStamps.next(null));
      for (String subdirectory : schema.layout().subdirectories()) {
        OwnerOnly.createDirectory(staged.resolve(PathSegments.check(subdirectory)));
      }
      flush(staged);
      moveIntoShard(staged, target);
      published = true;
      documents.remember(id, new SafeFiles.Seen(content, written));
      shards.flushAfterAdding(ShardDirectories.leafOf(target));
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      throw new InstanceAlreadyExistsException(id);
    } catch (IOException e) {
      if (published) {
        throw new OutcomeUnknownException(
            id,
            "create of instance '"
                + id
                + "' at "
                + target
                + ": the instance exists now, but flushing its shard directories failed, so it"
                + " may not survive a power cut (outcome unknown): "
                + Failures.describe(e),
            e);
      }
      throw new StorageException(
          "create of instance '" + id + "' at " + target + " failed: " + Failures.describe(e), e);
    } finally {
      writing.close();
      if (!published) {
        layout.deleteQuietly(staged);
      }
    }
  }

  /**
   * Whether an instance directory is at {@code target}, looked at only once no shard on its way is
   * a link (through a link, another tree's instance would be seen).
   *
   * @throws BurrowException if a directory on the way is a link or not a directory
   */
  private boolean instanceExists(Path target) {
    try {
      layout.checkWay(target);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw Failures.ofStep("cannot read " + target, target, e);
    }
    return FileLayout.exists(target);
  }

  /**
   * Renames {@code staged} to {@code target}, making its shard where missing, and again if a delete
   * removes the shard as it empties it in between.
   */
  private void moveIntoShard(Path staged, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        layout.paths().move(staged, target);
        return;
      } catch (NoSuchFileException e) {
        if (attempt == ShardDirectories.MAX_RACES) {
          throw e;
        }
      }
      try {
        ShardDirectories.make(ShardDirectories.leafOf(target));
      } catch (NoSuchFileException e) {
        // The top-level shard was removed as it emptied: make it again.
      }
    }
  }

  /**
   * Writes {@code next} over {@code current}, between adding and removing index entries, stamped
   * after {@code current}'s file.
   *
   * @throws OutcomeUnknownException if the document may or may not have been replaced
   */
  void overwrite(String id, Read<T> current, T next) {
    SharedLock.Hold writing = indexes.added(id, current.instance(), next);
    try {
      write(id, next, ModificationStamps.next(current.modified()));
    } finally {
      writing.close();
    }
    indexes.removed(id, current.instance(), next);
  }

  private void write(String id, T next, FileTime stamp) {
    Path document = layout.document(id);
    byte[] content = schema.codec().encode(next);
    try {
      layout.checkWay(document);
    } catch (IOException e) {
      throw new StorageException("cannot write " + document + ": " + Failures.describe(e), e);
    }
    boolean remembered = false;
    try {
      BasicFileAttributes written =
          AtomicFiles.write(document, content, durability, layout.temps(), stamp);
      documents.remember(id, new SafeFiles.Seen(content, written));
      remembered = true;
    } catch (OutcomeUnknownException e) {
      throw new OutcomeUnknownException(
          id, "write of instance '" + id + "': " + e.getMessage(), e.getCause());
    } finally {
      if (!remembered) {
        documents.forget(id);
      }
    }
  }

  private void flush(Path directory) throws IOException {
    if (durability == Durability.FSYNC) {
      AtomicFiles.forceDirectory(directory);
    }
  }
}
