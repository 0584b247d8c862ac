package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.NewerFormatException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records which instance kind a data root holds ({@code .burrow/store.json}), so that a root made
 * for one kind is never opened as another, which would read every document as corrupt or, worse,
 * half-valid; which layout its instance directories are in, so that a root made by an earlier
 * version is upgraded once ({@link LayoutUpgrade}); and the kind's description (managed field
 * names, subdirectories, kind of ID), so that tools without the user's classes can export, import
 * and migrate the root.
 */
final class KindMarker {
  /**
   * The lock held while the marker is claimed, checked or upgraded, the one a PostgreSQL store
   * holds while it claims a root ({@link DataRootOwners#CLAIM_LOCK}); it cannot clash with an
   * instance's lock, since no instance ID starts with a dot.
   */
  static final String LOCK_NAME = DataRootOwners.CLAIM_LOCK;

  /** Instance directories directly under {@code instances/}: Burrow before sharding. */
  static final int FLAT_LAYOUT = 1;

  /** Instance directories in two levels of shards ({@link Shards}). */
  static final int SHARDED_LAYOUT = 2;

  /**
   * As {@link #SHARDED_LAYOUT}, and index entries in their leaf shard or directly in their
   * top-level one ({@code FieldIndex}): recorded so that a Burrow of layout 2, whose finders would
   * take an entry in a top-level shard for a stray and remove it, refuses the root. A root of
   * layout 2 is valid in this one; it is recorded as 3 by the first store that may keep entries in
   * top-level shards (one with indexes, under {@code Durability.FSYNC}), not by tools or other
   * stores, which therefore put every entry they make, a repair's included, into its leaf.
   */
  static final int ENTRIES_IN_TOPS_LAYOUT = 3;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The marker is a few kilobytes; anything larger than this is refused unread, here and by earlier
   * versions of Burrow, so a description whose shape would make it larger is recorded without its
   * shape ({@link #fitted}).
   */
  private static final int MAX_BYTES = 64 * 1024;

  private KindMarker() {}

  /**
   * Checks that the root holds {@code description}'s kind, or claims it for that kind in layout
   * {@code sharded} ({@link #SHARDED_LAYOUT} or {@link #ENTRIES_IN_TOPS_LAYOUT}) if it holds none
   * yet; records the description, rewriting a marker that lacks it or differs, keeping its layout,
   * except that layout 2 becomes {@code sharded}. Call it holding {@link #LOCK_NAME}. The marker is
   * read without following a link, never opened if it is a FIFO or another special file, and never
   * read past {@value #MAX_BYTES} bytes; its content is quoted in messages only escaped and capped.
   *
   * @return the layout version the root's instance directories are in
   * @throws MisuseException if the root holds another kind, or is a PostgreSQL store's (or holds
   *     both stores' files)
   * @throws NewerFormatException if the root is in a layout this Burrow does not know
   * @throws CorruptJsonFileException if the marker is damaged: not a regular file, too large, not
   *     UTF-8, not valid JSON, naming an ID kind this Burrow does not know, subdirectories no
   *     instance directory can have, or a layout that is no layout number
   * @throws StorageException if the marker cannot be read
   */
  static int claimOrCheck(FileLayout layout, KindDescription wanted, int sharded) {
    DataRootOwners.refuseIfOwnedByOther(layout.root(), DataRootOwners.FILESYSTEM);
    KindDescription description = fitted(wanted);
    String kind = description.kind();
    Path marker = marker(layout);
    JsonNode stored = read(layout, marker);
    if (stored == null) {
      record(layout, description, sharded);
      return sharded;
    }
    String storedKind = stored.path("kind").asString("");
    if (!storedKind.equals(kind)) {
      throw new MisuseException(
          "data root "
              + layout.root()
              + " holds instances of kind '"
              + PathSegments.printable(storedKind)
              + "', not '"
              + kind
              + "'; give each kind its own data root");
    }
    int version = knownLayout(layout, marker, stored);
    KindDescription recorded = description(marker, stored);
    int next = version == SHARDED_LAYOUT ? sharded : version;
    if (next != version || !description.equals(recorded)) {
      record(layout, description, next);
    }
    return next;
  }

  /**
   * Refuses a root whose marker records a layout this Burrow does not know, before anything in it
   * is made or changed: a newer Burrow may give its files other meanings. Reads the marker without
   * the marker's lock ({@link #claimOrCheck} checks again under it); does nothing if there is none,
   * if it cannot be read or the way to it is no plain directory (the root a file, say), or if it is
   * damaged: opening the root reports those as it did.
   *
   * @throws NewerFormatException if the root is in a layout this Burrow does not know
   */
  static void refuseUnknownLayout(FileLayout layout) {
    Path marker = marker(layout);
    JsonNode stored;
    try {
      stored = read(layout, marker);
    } catch (BurrowException e) {
      return; // no plain way to it, or damaged: the open reports it in its place, as before
    }
    if (stored != null) {
      knownLayout(layout, marker, stored);
    }
  }

  /**
   * The layout {@code stored} (read from {@code marker}) records, if this Burrow knows it.
   *
   * @throws NewerFormatException if it does not
   */
  private static int knownLayout(FileLayout layout, Path marker, JsonNode stored) {
    int version = layout(marker, stored);
    if (version < FLAT_LAYOUT || version > ENTRIES_IN_TOPS_LAYOUT) {
      throw new NewerFormatException(
          "data root "
              + layout.root()
              + " is in layout "
              + version
              + ", which this version of Burrow does not know (it knows "
              + FLAT_LAYOUT
              + " to "
              + ENTRIES_IN_TOPS_LAYOUT
              + "); open it with the version that made it");
    }
    return version;
  }

  /**
   * The layout {@code stored} (read from {@code marker}) records: {@link #FLAT_LAYOUT} if it
   * records none (a marker written before layouts were).
   *
   * @throws CorruptJsonFileException if its {@code layout} is not a whole number from {@link
   *     #FLAT_LAYOUT} to {@link Integer#MAX_VALUE}
   */
  private static int layout(Path marker, JsonNode stored) {
    JsonNode layout = stored.path("layout");
    if (layout.isMissingNode()) {
      return FLAT_LAYOUT;
    }
    if (!layout.isIntegralNumber() || !layout.canConvertToInt() || layout.asInt() < FLAT_LAYOUT) {
      throw new CorruptJsonFileException(
          marker,
          "its 'layout' is "
              + PathSegments.printable(layout.toString())
              + ", not a layout number (a whole number from "
              + FLAT_LAYOUT
              + "); Burrow never rewrites it by itself",
          null);
    }
    return layout.asInt();
  }

  /**
   * After {@link LayoutUpgrade} moved a root of {@link #FLAT_LAYOUT} into shards: records layout
   * {@code sharded} and {@code wanted}'s description, unless the marker records that layout or a
   * higher one by now. Another store may have opened the flat root at the same time and recorded a
   * higher layout ({@link #ENTRIES_IN_TOPS_LAYOUT}) once its own upgrade was done; the layout
   * recorded is never lowered. Call it holding {@link #LOCK_NAME}: it reads the marker again under
   * it.
   *
   * @return the layout the marker records
   * @throws NewerFormatException if the marker records a layout this Burrow does not know
   * @throws CorruptJsonFileException if the marker is damaged
   * @throws StorageException if the marker cannot be read or written
   */
  static int recordUpgraded(FileLayout layout, KindDescription wanted, int sharded) {
    KindDescription description = fitted(wanted);
    Path marker = marker(layout);
    JsonNode stored = read(layout, marker);
    int version = stored == null ? FLAT_LAYOUT : knownLayout(layout, marker, stored);
    int next = Math.max(version, sharded);
    if (stored == null || next != version || !description.equals(description(marker, stored))) {
      record(layout, description, next);
    }
    return next;
  }

  /**
   * Durably records that the root holds {@code description}'s kind in layout {@code version}. Call
   * it holding {@link #LOCK_NAME}. If the marker is written but {@code .burrow/} cannot be flushed,
   * a marker this call made where there was none is removed again: left in place, the next open
   * would find it and flush nothing, and a power cut could then lose it under acknowledged writes.
   *
   * @throws StorageException if the marker cannot be written, or its name flushed (a marker that
   *     was there before may then hold the new record, which the next open writes again if a power
   *     cut loses it)
   */
  static void record(FileLayout layout, KindDescription description, int version) {
    Path marker = marker(layout);
    boolean claiming = !FileLayout.exists(marker);
    try {
      AtomicFiles.write(
          marker, content(fitted(description), version), Durability.FSYNC, layout.temps());
    } catch (OutcomeUnknownException e) {
      Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
      String undone = "";
      IOException notRemoved = null;
      if (claiming) {
        try {
          Files.deleteIfExists(marker);
          undone = "; it was removed again, and the next open writes it anew";
        } catch (IOException removal) {
          notRemoved = removal;
        }
      }
      StorageException failed =
          new StorageException(
              "cannot record the kind of data root "
                  + layout.root()
                  + " in "
                  + marker
                  + ": it was written, but flushing its directory failed, so a power cut could"
                  + " lose it"
                  + undone
                  + ": "
                  + Failures.describe(cause),
              cause);
      if (notRemoved != null) {
        failed.addSuppressed(notRemoved);
      }
      throw failed;
    }
  }

  /**
   * {@code description}, without its document shape if the marker would then be larger than {@value
   * #MAX_BYTES} bytes (a kind with thousands of enum constants): its documents are then checked by
   * tools for their managed fields only.
   */
  private static KindDescription fitted(KindDescription description) {
    return description.shape() != null
            && content(description, ENTRIES_IN_TOPS_LAYOUT).length > MAX_BYTES
        ? description.withoutShape()
        : description;
  }

  private static byte[] content(KindDescription description, int version) {
    return JSON.writeValueAsBytes(
        description.writeTo(JSON.createObjectNode().put("layout", version)));
  }

  /**
   * The description recorded in the root's marker, or null if there is none yet (or one written
   * before descriptions were).
   *
   * @throws CorruptJsonFileException if the marker is damaged, or is JSON but no kind marker
   * @throws StorageException if the marker cannot be read
   */
  static @Nullable KindDescription describedKind(FileLayout layout) {
    Path marker = marker(layout);
    JsonNode stored = read(layout, marker);
    if (stored == null) {
      return null;
    }
    if (!stored.path("kind").isString()) {
      throw new CorruptJsonFileException(
          marker, "not a kind marker: it has no string 'kind' field", null);
    }
    return description(marker, stored);
  }

  /**
   * Whether the root's marker records {@link #ENTRIES_IN_TOPS_LAYOUT} (or a later layout), so that
   * its indexes may keep entries directly in top-level shards; false if there is no marker.
   *
   * @throws CorruptJsonFileException if the marker is damaged
   * @throws StorageException if the marker cannot be read
   */
  static boolean recordsEntriesInTops(FileLayout layout) {
    Path marker = marker(layout);
    JsonNode stored = read(layout, marker);
    return stored != null && layout(marker, stored) >= ENTRIES_IN_TOPS_LAYOUT;
  }

  /** The description {@code stored} (read from {@code marker}) records; null if it records none. */
  private static @Nullable KindDescription description(Path marker, JsonNode stored) {
    try {
      return KindDescription.read(stored);
    } catch (IllegalArgumentException e) {
      throw new CorruptJsonFileException(
          marker, "not a kind marker this Burrow reads: " + e.getMessage(), e);
    }
  }

  private static Path marker(FileLayout layout) {
    return layout.bookkeeping().resolve(DataRootOwners.FILESYSTEM);
  }

  /** The marker's JSON, or null if there is no marker. */
  private static @Nullable JsonNode read(FileLayout layout, Path marker) {
    try {
      layout.checkWay(marker);
      byte[] content = SafeFiles.read(marker, MAX_BYTES);
      StrictUtf8.check(content);
      return JSON.readTree(content);
    } catch (NoSuchFileException e) {
      return null;
    } catch (SafeFiles.RefusedFileException e) {
      if (e.path().equals(marker)) {
        throw new CorruptJsonFileException(marker, e.plantedReason(), e);
      }
      throw CheckedPaths.refused(e);
    } catch (JacksonException e) {
      throw new CorruptJsonFileException(
          marker,
          "not valid JSON" + JsonErrors.where(e) + ": " + JsonErrors.plain(e),
          JsonReadFailure.of(e));
    } catch (IllegalArgumentException e) {
      throw new CorruptJsonFileException(marker, String.valueOf(e.getMessage()), e);
    } catch (IOException e) {
      throw Failures.ofStep("cannot read " + marker, marker, e);
    }
  }
}
