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
 * half-valid.
 */
final class KindMarker {
  /**
   * The lock held while the marker is claimed or its leftovers swept; it cannot clash with an
   * instance's lock, since no instance ID starts with a dot.
   */
  static final String LOCK_NAME = ".kind-marker";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int LAYOUT_VERSION = 1;

  private KindMarker() {}

  static void claimOrCheck(FileLayout layout, String kind) {
    Path marker = layout.bookkeeping().resolve("store.json");
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
    } catch (NoSuchFileException e) {
      byte[] content =
          JSON.writeValueAsBytes(
              JSON.createObjectNode().put("kind", kind).put("layout", LAYOUT_VERSION));
      AtomicFiles.write(marker, content, Durability.FSYNC, layout.temps());
    } catch (IOException | JacksonException e) {
      throw new StorageException("cannot read " + marker + ": " + e.getMessage(), e);
    }
  }
}
