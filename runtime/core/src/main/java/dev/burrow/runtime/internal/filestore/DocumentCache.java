package dev.burrow.runtime.internal.filestore;

import dev.burrow.StorageException;
import dev.burrow.runtime.internal.cache.KeptDocuments;
import dev.burrow.runtime.internal.fs.ModificationStamps;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of documents this store wrote or read one at a time, each kept with the identity of its
 * file (device, inode, size and modification time), so that reading an unchanged document costs one
 * {@code lstat} instead of the checked way to it, the open, the read and the close. Listings and
 * walks use what is kept but keep nothing (the store decides: {@link #remember} is not called). The
 * bytes are decoded again on every read: a caller never shares an instance with another. A document
 * written is kept with the identity its new file showed right before it was renamed into place,
 * under the instance's lock.
 *
 * <p><b>Why a matching identity means the same content.</b> A document only ever changes by a new
 * file renamed over it, and Burrow stamps every such file with a modification time after the one it
 * replaces ({@link ModificationStamps}), so no two contents of a document share a modification
 * time, whatever inode numbers the file system hands out again. A document edited in place by hand
 * gets the kernel's current time instead, which differs from Burrow's stamp too. Where the file
 * system does not keep a stamp to the nanosecond (checked once, on the temporary area), nothing is
 * cached. The one case a stamp cannot tell apart is a document deleted and created again under the
 * same ID, by another process, at the very nanosecond of the clock the deleted file was stamped
 * with, on a reused inode, with the same size: only a clock stepped back can produce it.
 *
 * <p><b>No way around the checks.</b> A hit reads nothing through the path: the file is identified,
 * not trusted. A link, FIFO or other file put in the document's place, or on the way to it, shows
 * another identity (or none), and the read then takes the checked way, which refuses it.
 *
 * <p><b>Memory.</b> What is kept counts against the budget the stores of a JVM share ({@link
 * KeptDocuments}).
 */
final class DocumentCache {
  private static final class Entry implements KeptDocuments.Sized {
    private final Object fileKey;
    private final long size;
    private final FileTime modified;
    private final byte[] bytes;

    Entry(Object fileKey, long size, FileTime modified, byte[] bytes) {
      this.fileKey = fileKey;
      this.size = size;
      this.modified = modified;
      this.bytes = bytes;
    }

    @Override
    public long documentBytes() {
      return bytes.length;
    }

    boolean isFile(BasicFileAttributes seen) {
      return seen.isRegularFile()
          && seen.size() == size
          && fileKey.equals(seen.fileKey())
          && seen.lastModifiedTime().equals(modified);
    }
  }

  private final KeptDocuments<Entry> entries = new KeptDocuments<>();
  private final boolean stampsKept;

  private DocumentCache(boolean stampsKept) {
    this.stampsKept = stampsKept;
  }

  /**
   * The cache of a store on {@code root}, which keeps nothing unless the root's file system keeps
   * stamps to the nanosecond: this process's session directory in the temporary area {@code temps}
   * is stamped and looked at to find out (creating no file).
   */
  static DocumentCache forRoot(Path root, TempFiles temps) {
    try {
      return new DocumentCache(
          ModificationStamps.keptExactly(Parents.of(temps.newPath(root.resolve("stamp-probe")))));
    } catch (IOException | StorageException e) {
      return new DocumentCache(false);
    }
  }

  /**
   * The document of {@code id} at {@code document} as read before, with what its {@code lstat}
   * shows now, if the file there is still the one it was read from; null otherwise.
   */
  SafeFiles.@Nullable Seen find(String id, Path document) {
    Entry entry = entries.get(id);
    if (entry == null) {
      return null;
    }
    BasicFileAttributes seen;
    try {
      seen = SafeFiles.lstat(document);
    } catch (IOException e) {
      return null;
    }
    return seen != null && entry.isFile(seen) ? new SafeFiles.Seen(entry.bytes, seen) : null;
  }

  /**
   * Keeps what was read or written of {@code id}'s document. Read bytes may be newer than their
   * attributes (the file replaced between the look and the read); they are then never found again,
   * since the file those attributes name is gone for good.
   */
  void remember(String id, SafeFiles.Seen read) {
    Object fileKey = read.attributes().fileKey();
    if (fileKey == null || !stampsKept) {
      return;
    }
    entries.keep(
        id,
        new Entry(
            fileKey, read.attributes().size(), read.attributes().lastModifiedTime(), read.bytes()));
  }

  /** Drops what is kept of {@code id}'s document: it was deleted, or a write of it failed. */
  void forget(String id) {
    entries.forget(id);
  }

  /** Drops everything kept: the store is closed. */
  void clear() {
    entries.clear();
  }

  /** What this store's kept documents cost, in bytes. */
  long bytesKept() {
    return entries.bytesKept();
  }
}
