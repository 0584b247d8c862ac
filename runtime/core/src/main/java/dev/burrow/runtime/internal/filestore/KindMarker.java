package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records which instance kind a data root holds ({@code .burrow/store.json}), so that a root made
 * for one kind is never opened as another, which would read every document as corrupt or, worse,
 * half-valid; and which layout its instance directories are in, so that a root made by an earlier
 * version is upgraded once ({@link LayoutUpgrade}).
 */
final class KindMarker {
  /**
   * The lock held while the marker is claimed, checked or upgraded; it cannot clash with an
   * instance's lock, since no instance ID starts with a dot.
   */
  static final String LOCK_NAME = ".kind-marker";

  /** Instance directories directly under {@code instances/}: Burrow before sharding. */
  static final int FLAT_LAYOUT = 1;

  /** Instance directories in two levels of shards ({@link Shards}). */
  static final int SHARDED_LAYOUT = 2;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private KindMarker() {}

  /**
   * Claims a new root for {@code kind} in the current layout, or checks the kind of an existing
   * one; call it holding {@link #LOCK_NAME}.
   *
   * @return the layout version the root's instance directories are in
   * @throws BurrowException if the root holds another kind, or was made by a newer Burrow
   */
  static int claimOrCheck(FileLayout layout, String kind) {
    Path marker = marker(layout);
    try {
      JsonNode stored = JSON.readTree(Files.readAllBytes(marker));
      String storedKind = stored.path("kind").asString("");
      if (!storedKind.equals(kind)) {
        throw new BurrowException(
            "data root "
                + layout.root()
                + " holds instances of kind '"
                + storedKind
                + "', not '"
                + kind
                + "'; give each kind its own data root");
      }
      int version = stored.path("layout").asInt(FLAT_LAYOUT);
      if (version != FLAT_LAYOUT && version != SHARDED_LAYOUT) {
        throw new BurrowException(
            "data root "
                + layout.root()
                + " is in layout "
                + version
                + ", which this version of Burrow does not know (it knows "
                + FLAT_LAYOUT
                + " and "
                + SHARDED_LAYOUT
                + "); open it with the version that made it");
      }
      return version;
    } catch (NoSuchFileException e) {
      record(layout, kind, SHARDED_LAYOUT);
      return SHARDED_LAYOUT;
    } catch (IOException | JacksonException e) {
      throw new StorageException("cannot read " + marker + ": " + e.getMessage(), e);
    }
  }

  /** Durably records that the root holds {@code kind} in layout {@code version}. */
  static void record(FileLayout layout, String kind, int version) {
    byte[] content =
        JSON.writeValueAsBytes(JSON.createObjectNode().put("kind", kind).put("layout", version));
    AtomicFiles.write(marker(layout), content, Durability.FSYNC, layout.temps());
  }

  private static Path marker(FileLayout layout) {
    return layout.bookkeeping().resolve("store.json");
  }
}
