package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.json.StrictUtf8;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
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

  /** The marker is a few dozen bytes; anything larger than this is refused unread. */
  private static final int MAX_BYTES = 64 * 1024;

  private KindMarker() {}

  /**
   * Checks that the root holds {@code kind}, or claims it for {@code kind} if it holds none yet.
   * The marker is read without following a link, never opened if it is a FIFO or another special
   * file, and never read past {@value #MAX_BYTES} bytes; its content is quoted in messages only
   * escaped and capped.
   *
   * @throws BurrowException if the root holds another kind, or the marker is not a regular file
   * @throws StorageException if the marker cannot be read or is not valid JSON
   */
  static void claimOrCheck(FileLayout layout, String kind) {
    Path marker = layout.bookkeeping().resolve("store.json");
    try {
      layout.checkWay(marker);
      byte[] content = SafeFiles.read(marker, MAX_BYTES);
      StrictUtf8.check(content);
      JsonNode stored = JSON.readTree(content);
      String storedKind = stored.path("kind").asString("");
      if (!storedKind.equals(kind)) {
        throw new BurrowException(
            "data root "
                + layout.root()
                + " holds instances of kind '"
                + PathSegments.printable(storedKind)
                + "', not '"
                + kind
                + "'; give each kind its own data root");
      }
    } catch (NoSuchFileException e) {
      byte[] content =
          JSON.writeValueAsBytes(
              JSON.createObjectNode().put("kind", kind).put("layout", LAYOUT_VERSION));
      AtomicFiles.write(marker, content, Durability.FSYNC);
    } catch (SafeFiles.RefusedFileException e) {
      throw FileLayout.refused(e);
    } catch (JacksonException e) {
      throw new StorageException(
          "cannot read " + marker + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new StorageException("cannot read " + marker + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StorageException("cannot read " + marker + ": " + e, e);
    }
  }
}
