package dev.burrow.runtime.internal.index;

import dev.burrow.CorruptInstanceException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.shard.InstanceWalk;
import dev.burrow.runtime.internal.store.StrayEntryException;
import dev.burrow.runtime.internal.text.TopLevelMembers;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the filesystem indexes of a data root against its documents, for tools that open the root
 * without the user's classes ({@code burrow fsck}). Which components are indexed is read from the
 * directories under {@code .burrow/indexes/}; the key of a document's value is the text its codec
 * wrote into the document's top-level field (as the PostgreSQL index function reads it), and the
 * key of a component's default (for documents written before it existed) is the one a complete
 * index's ready marker names ({@link FieldIndex}). Reads only.
 *
 * <ul>
 *   <li>A <em>missing</em> entry (a readable document without the entry of its value in a complete
 *       index) is damage: the component's finders miss that instance.
 *   <li>A <em>stale</em> entry (one whose instance is gone or has another value now) is what a
 *       crash between a write's steps leaves by design; queries verify every hit and remove it. It
 *       is named, not counted as damage.
 *   <li>An index or value directory that is a link or a file is damage: queries remove it and
 *       rebuild the index.
 *   <li>An entry that is no empty file with one name, or a ready marker that is no regular file (a
 *       planted link, never followed, a FIFO, a socket, a device or a directory; for an entry also
 *       a hard link or a file with content) is damage: queries read entries only as names, and a
 *       store takes no such marker for one ({@link FileIndexes#repairFromJson} replaces both).
 *   <li>An index without its ready marker is incomplete: its entries are not checked, and the next
 *       store of the user's schema rebuilds it before answering a query.
 *   <li>A directory of the indexes this process may not read (permission denied) is {@link
 *       #unreadable}: the entries in it are not checked, and none behind it is named missing.
 *   <li>An index that keeps entries directly in top-level shards on a root whose marker records an
 *       older layout is named ({@link #entriesInTopsUnrecorded}): a Burrow of that layout would
 *       remove them as strays.
 * </ul>
 */
public final class IndexCheck {
  /** Something wrong at {@code location}; {@code damage} is false for a stale entry. */
  public record Finding(Path location, String reason, boolean damage) {}

  /** A value that cannot be placed: an object or an array, or a default with no one key. */
  private static final String UNKNOWN = "";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One index found on disk, in the directory named after its component ({@link IndexNames#of});
   * {@code defaultName} is the value directory of documents without the component, {@code null} if
   * the index is incomplete, {@link #UNKNOWN} if the default has none.
   */
  private record Index(Path directory, @Nullable String defaultName) {
    /** The directory's name, which is the component's name escaped. */
    String name() {
      return String.valueOf(directory.getFileName());
    }

    /** The component's name, for people. */
    String component() {
      return IndexNames.describe(name());
    }
  }

  private final Path dataRoot;
  private final List<Index> indexes = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Set<Path> unreadable = new LinkedHashSet<>();
  private final boolean entriesInTopsRecorded;
  private final Set<String> entriesInTopsUnrecorded = new LinkedHashSet<>();

  private IndexCheck(Path dataRoot, boolean entriesInTopsRecorded) {
    this.dataRoot = dataRoot;
    this.entriesInTopsRecorded = entriesInTopsRecorded;
  }

  /**
   * The indexes under {@code indexes} (inside {@code dataRoot}), with what is wrong with their
   * directories already found; {@code entriesInTopsRecorded} says whether the root's marker records
   * the layout whose indexes may keep entries directly in top-level shards.
   *
   * @throws StorageException if a directory cannot be read
   */
  public static IndexCheck of(Path dataRoot, Path indexes, boolean entriesInTopsRecorded) {
    IndexCheck check = new IndexCheck(dataRoot, entriesInTopsRecorded);
    BasicFileAttributes directory = check.attributes(indexes);
    if (directory == null || !directory.isDirectory()) {
      return check; // none yet, or one that the bookkeeping check names
    }
    for (Path index : check.entries(indexes)) {
      if (check.isDirectory(index)) {
        check.indexes.add(new Index(index, defaultName(check, index)));
      }
    }
    return check;
  }

  private static @Nullable String defaultName(IndexCheck check, Path index) {
    List<Path> entries = check.entries(index);
    if (entries.stream()
        .anyMatch(e -> FieldIndex.UNMAINTAINED.equals(String.valueOf(e.getFileName())))) {
      return null; // written by a process that does not maintain it: incomplete
    }
    for (Path entry : entries) {
      String name = String.valueOf(entry.getFileName());
      if (name.startsWith(FieldIndex.READY) && check.isRegularFile(entry)) {
        String named = name.substring(FieldIndex.READY.length());
        return named.equals(FieldIndex.NO_ONE_KEY) ? UNKNOWN : named;
      }
    }
    for (Path entry : entries) {
      if (String.valueOf(entry.getFileName()).startsWith(FieldIndex.READY)) {
        check.notAFile(
            entry,
            "the index's ready marker",
            "no store takes it for one, so the index is rebuilt from every document at its next"
                + " use; fsck --repair rebuilds it");
      }
    }
    return null;
  }

  /** The components whose index is incomplete (rebuilt before its next use). */
  public List<String> incomplete() {
    return indexes.stream().filter(i -> i.defaultName() == null).map(Index::component).toList();
  }

  /**
   * Names as damage each entry of the readable document {@code json} that a complete index lacks.
   * Beside running writers, call it on a document read under the instance's lock: a writer removes
   * the entry of an old value after writing the new one, so a document read earlier may name an
   * entry that is rightly gone ({@link #holdsEntriesOf} tells which documents to read again).
   */
  public void document(String id, byte[] json) {
    for (MissingEntry missing : missingEntries(id, json)) {
      if (isStillMaintained(missing.index())) {
        findings.add(missing.finding());
      }
    }
  }

  /**
   * Whether {@code index} is still maintained: a process whose schema does not declare it marks it
   * unmaintained, under the instance's lock, before its first write, and from then on its entries
   * may be missing until a store that declares it rebuilds it.
   */
  private boolean isStillMaintained(Index index) {
    return attributes(index.directory().resolve(FieldIndex.UNMAINTAINED)) == null;
  }

  /**
   * Whether every complete index holds the entry of {@code json}, or may not be looked into where
   * it would be; names nothing but the directories it may not read ({@link #unreadable}).
   */
  public boolean holdsEntriesOf(String id, byte[] json) {
    return missingEntries(id, json).isEmpty();
  }

  /** The entry of a document's value that the complete {@code index} lacks. */
  private record MissingEntry(Index index, Finding finding) {}

  private List<MissingEntry> missingEntries(String id, byte[] json) {
    List<MissingEntry> missing = new ArrayList<>();
    for (Index index : indexes) {
      if (index.defaultName() == null) {
        continue; // incomplete: entries may be missing until it is rebuilt
      }
      String name = valueName(index, json);
      if (name != null && !name.equals(UNKNOWN)) {
        Path values = index.directory().resolve(name);
        Path entry = FieldIndex.entry(values, id);
        List<Path> places = FieldIndex.places(values, id);
        if (places.stream().noneMatch(this::isPresent)
            && places.stream().noneMatch(this::isBehindUnreadable)) {
          missing.add(
              new MissingEntry(
                  index,
                  new Finding(
                      entry,
                      "missing index entry: instance '"
                          + id
                          + "' has this value of '"
                          + index.component()
                          + "', but the complete index has no entry for it, so finders on '"
                          + index.component()
                          + "' miss it",
                      true)));
        }
      }
    }
    return missing;
  }

  /**
   * Checks every entry of every index against the document it names, read by {@code find}: names
   * the stale ones, the value directories that are not directories, and what a value directory
   * holds that is no shard or entry of this layout ({@link FieldIndex}), as a note: no finder reads
   * it.
   */
  public void entries(Function<String, Optional<byte[]>> find) {
    for (Index index : indexes) {
      for (Path values : entries(index.directory())) {
        String value = String.valueOf(values.getFileName());
        if (value.startsWith(FieldIndex.READY) || value.equals(FieldIndex.UNMAINTAINED)) {
          continue;
        }
        if (!isDirectory(values)) {
          continue;
        }
        InstanceWalk walk;
        try {
          walk =
              InstanceWalk.ofIndexValues(values, null, found -> outOfPlace(index, values, found));
        } catch (StorageException e) {
          if (!Failures.isPermissionDenied(e)) {
            throw e;
          }
          // Looks at entries behind it were denied for it, not for the shards they named.
          unreadable.removeIf(path -> path.startsWith(values));
          unreadable.add(values);
          continue;
        }
        for (String id = walk.next(); id != null; id = walk.next()) {
          for (Path entry : FieldIndex.places(values, id)) {
            if (isPresent(entry)
                && !notAFile(
                    entry,
                    "an index entry",
                    "queries read only its name, but no writer or rebuild replaces it; fsck"
                        + " --repair rebuilds the index")) {
              if (!entriesInTopsRecorded && FieldIndex.isInTop(entry)) {
                entriesInTopsUnrecorded.add(index.component());
              }
              stale(index, value, entry, id, find);
            }
          }
        }
      }
    }
  }

  /**
   * Names what the walk of {@code values} found out of place: as damage, what is in a shard's place
   * and is no directory (a planted link or file), as entries behind it are missing; as a note, a
   * stray entry, which hides none.
   */
  private void outOfPlace(Index index, Path values, CorruptInstanceException found) {
    Path path = values.getFileSystem().getPath(found.location());
    if (Failures.isPermissionDenied(found)) {
      unreadable.add(path);
      return;
    }
    BasicFileAttributes attributes = attributes(path);
    if (attributes == null) {
      return; // removed meanwhile
    }
    String name = String.valueOf(path.getFileName());
    if (!attributes.isDirectory() && FieldIndex.isShardName(name)) {
      isDirectory(path);
    } else if (found instanceof StrayEntryException) {
      findings.add(
          new Finding(
              path,
              "'"
                  + PathSegments.printable(name)
                  + "' is "
                  + SafeFiles.describe(path, attributes)
                  + " in a value directory of the index of '"
                  + index.component()
                  + "', where only its shards and entries go; queries never read it"
                  + (attributes.isDirectory()
                      ? " and leave it where it is: remove it by hand"
                      : ", and remove it when they meet it"),
              false));
    }
  }

  private void stale(
      Index index, String value, Path entry, String id, Function<String, Optional<byte[]>> find) {
    Optional<byte[]> document;
    try {
      document = find.apply(id);
    } catch (CorruptInstanceException damaged) {
      return; // reported with the documents
    }
    if (document.isEmpty()) {
      findings.add(new Finding(entry, "stale index entry: instance '" + id + "' is gone", false));
      return;
    }
    String name = valueName(index, document.get());
    if (name != null && !name.equals(UNKNOWN) && !name.equals(value)) {
      findings.add(
          new Finding(
              entry,
              "stale index entry: instance '"
                  + id
                  + "' has another value of '"
                  + index.component()
                  + "' now",
              false));
    }
  }

  /** What was found wrong, in the order found. */
  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  /**
   * The directories of the indexes this process may not read (permission denied), in the order
   * found: not damage, only unchecked, so a repair need not rebuild the indexes for them.
   */
  public List<Path> unreadable() {
    return List.copyOf(unreadable);
  }

  /**
   * The components whose index keeps entries directly in top-level shards though the root's marker
   * does not record the layout that keeps them there, once {@link #entries} has run.
   */
  public List<String> entriesInTopsUnrecorded() {
    return List.copyOf(entriesInTopsUnrecorded);
  }

  /** Whether {@code path} is in a directory found {@link #unreadable}. */
  private boolean isBehindUnreadable(Path path) {
    return unreadable.stream().anyMatch(path::startsWith);
  }

  /**
   * The name of the value directory {@code json}'s value of the index's component belongs in: null
   * if the index is incomplete and the document lacks the component, {@link #UNKNOWN} if it cannot
   * be told.
   */
  private static @Nullable String valueName(Index index, byte[] json) {
    return valueName(index.name(), index.defaultName(), json);
  }

  /**
   * The value directory {@code json} belongs in, in the complete index in {@code directory} whose
   * ready marker is named {@code marker}; null if that cannot be told (an object or an array, or a
   * default with no one key).
   */
  static @Nullable Path valueDirectory(Path directory, String marker, byte[] json) {
    String named = marker.substring(FieldIndex.READY.length());
    String name =
        valueName(
            String.valueOf(directory.getFileName()),
            named.equals(FieldIndex.NO_ONE_KEY) ? UNKNOWN : named,
            json);
    return name == null || name.equals(UNKNOWN) ? null : directory.resolve(name);
  }

  private static @Nullable String valueName(
      String indexName, @Nullable String defaultName, byte[] json) {
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return UNKNOWN;
      }
      JsonToken value = TopLevelMembers.seek(in, field -> IndexNames.of(field).equals(indexName));
      if (value == null) {
        return defaultName;
      }
      return switch (value) {
        case VALUE_NULL -> IndexNames.NULL;
        case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
            IndexNames.ofKey(in.getString());
        default -> UNKNOWN;
      };
    } catch (JacksonException e) {
      return UNKNOWN;
    }
  }

  /** The entries of {@code directory}, which is damage (named) if it is not a directory. */
  private List<Path> entries(Path directory) {
    if (!isDirectory(directory)) {
      return List.of();
    }
    try {
      return SafeFiles.entries(dataRoot, directory);
    } catch (SafeFiles.RefusedFileException e) {
      findings.add(new Finding(e.path(), e.reason(), true));
      return List.of();
    } catch (AccessDeniedException e) {
      unreadable.add(directory);
      return List.of();
    } catch (IOException e) {
      throw new StorageException("cannot list " + directory + ": " + Failures.describe(e), e);
    }
  }

  /** Whether a directory is at {@code path}; anything else there is named as damage. */
  private boolean isDirectory(Path path) {
    BasicFileAttributes attributes = attributes(path);
    if (attributes == null) {
      return false;
    }
    if (!attributes.isDirectory()) {
      findings.add(
          new Finding(
              path,
              "it is "
                  + SafeFiles.describe(path, attributes)
                  + " but must be a directory of the index; queries remove it and rebuild the"
                  + " index",
              true));
      return false;
    }
    return true;
  }

  /**
   * Whether the entry {@code entry} is there, looked for only through directories: behind a link or
   * a file in a value's or a shard's place (which {@link #entries} names) it is missing.
   */
  private boolean isPresent(Path entry) {
    try {
      SafeFiles.checkWay(dataRoot, entry);
    } catch (NoSuchFileException | SafeFiles.RefusedFileException e) {
      return false;
    } catch (AccessDeniedException e) {
      deniedLooking(entry, e);
      return false;
    } catch (IOException e) {
      throw Failures.ofStep("cannot read " + entry, entry, e);
    }
    return attributes(entry) != null;
  }

  /**
   * Names as damage what is at {@code path}, {@code what} (an empty file in Burrow's indexes), if
   * it is no {@link FieldIndex#notAnEntryFile entry file} (a planted link, never followed, a FIFO,
   * a socket, a device, a directory, a hard link, a file with content), saying {@code then}; one
   * {@code lstat}, and one more for a regular file's link count.
   *
   * @return whether it was named
   */
  private boolean notAFile(Path path, String what, String then) {
    BasicFileAttributes attributes = attributes(path);
    String is;
    try {
      is = attributes == null ? null : FieldIndex.notAnEntryFile(path, attributes);
    } catch (IOException e) {
      throw Failures.ofStep("cannot read " + path, path, e);
    }
    if (is == null) {
      return false;
    }
    findings.add(
        new Finding(
            path, "it is " + is + ", but " + what + " must be an empty file; " + then, true));
    return true;
  }

  private boolean isRegularFile(Path path) {
    BasicFileAttributes attributes = attributes(path);
    return attributes != null && attributes.isRegularFile();
  }

  /** What is at {@code path}; null if nothing is, or if this process may not look. */
  private @Nullable BasicFileAttributes attributes(Path path) {
    try {
      return SafeFiles.lstat(path);
    } catch (AccessDeniedException e) {
      deniedLooking(path, e);
      return null;
    } catch (IOException e) {
      throw Failures.ofStep("cannot read " + path, path, e);
    }
  }

  /**
   * Names unreadable the directory this process may not look into for {@code denied}: the one that
   * holds the file it names ({@code looked} if it names none), since looking at a file ({@code
   * lstat}) needs only that permission.
   */
  private void deniedLooking(Path looked, AccessDeniedException denied) {
    Path file =
        denied.getFile() == null ? looked : looked.getFileSystem().getPath(denied.getFile());
    unreadable.add(file.getParent() == null ? file : file.getParent());
  }
}
