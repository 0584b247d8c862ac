package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.json.StrictUtf8;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records which instance kind a data root holds ({@code .burrow/store.json}), so that a root made
 * for one kind is never opened as another, which would read every document as corrupt or, worse,
 * half-valid. The marker also describes the kind (managed field names, subdirectories, kind of ID)
 * so that tools without the user's classes can export, import and migrate the root.
 */
final class KindMarker {
  /**
   * The lock held while the marker is claimed or its leftovers swept; it cannot clash with an
   * instance's lock, since no instance ID starts with a dot.
   */
  static final String LOCK_NAME = ".kind-marker";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int LAYOUT_VERSION = 1;

  /** The marker is a few hundred bytes; anything larger than this is refused unread. */
  private static final int MAX_BYTES = 64 * 1024;

  private KindMarker() {}

  /**
   * Checks that the root holds {@code description}'s kind, or claims it for that kind if it holds
   * none yet; records the description, rewriting a marker that lacks it or differs. The marker is
   * read without following a link, never opened if it is a FIFO or another special file, and never
   * read past {@value #MAX_BYTES} bytes; its content is quoted in messages only escaped and capped.
   *
   * @throws BurrowException if the root holds another kind, or the marker is not a regular file
   * @throws StorageException if the marker cannot be read or is not valid JSON
   */
  static void claimOrCheck(FileLayout layout, KindDescription description) {
    String kind = description.kind();
    Path marker = layout.bookkeeping().resolve("store.json");
    JsonNode stored = read(layout, marker);
    if (stored == null) {
      write(marker, description);
      return;
    }
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
    if (!description.equals(KindDescription.read(stored))) {
      write(marker, description);
    }
  }

  /** The description recorded in the root's marker, or null if there is none yet. */
  static @Nullable KindDescription describedKind(FileLayout layout) {
    JsonNode stored = read(layout, layout.bookkeeping().resolve("store.json"));
    return stored == null ? null : KindDescription.read(stored);
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

  private static void write(Path marker, KindDescription description) {
    byte[] content =
        JSON.writeValueAsBytes(
            description.writeTo(JSON.createObjectNode().put("layout", LAYOUT_VERSION)));
    AtomicFiles.write(marker, content, Durability.FSYNC);
  }
}
