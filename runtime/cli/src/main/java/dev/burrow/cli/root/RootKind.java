package dev.burrow.cli.root;

import dev.burrow.IdKind;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kind a data root holds, from its marker {@code .burrow/store.json}: its name, the JSON field
 * names of its managed components, its subdirectories and its kind of ID. A marker that names only
 * the kind (written before kinds described themselves) is read with the conventional field names
 * {@code id}, {@code version}, {@code createdAt} and {@code updatedAt}.
 */
public record RootKind(
    String kind,
    String idField,
    String versionField,
    @Nullable String createdAtField,
    @Nullable String updatedAtField,
    List<String> subdirectories,
    IdKind idKind) {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_MARKER_BYTES = 64 * 1024;

  public RootKind {
    subdirectories = List.copyOf(subdirectories);
  }

  /** The marker of {@code root}. */
  static Path marker(Path root) {
    return root.resolve(".burrow").resolve("store.json");
  }

  /**
   * Reads the kind of {@code root}.
   *
   * @throws NotADataRootException if {@code root} has no marker, or an unreadable one
   */
  static RootKind read(Path root) {
    Path marker = marker(root);
    if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotADataRootException(
          root
              + " is not a Burrow data root: it has no "
              + root.relativize(marker)
              + " (give the directory a store was opened on, the one holding instances/ and"
              + " .burrow/)");
    }
    JsonNode stored;
    try {
      SafeFiles.checkWay(root, marker);
      stored = JSON.readTree(SafeFiles.read(marker, MAX_MARKER_BYTES));
    } catch (IOException | JacksonException e) {
      throw new NotADataRootException(
          "cannot read the kind of " + root + " from " + marker + ": " + e);
    }
    String kind = stored.path("kind").asString("");
    if (kind.isEmpty()) {
      throw new NotADataRootException(marker + " names no kind");
    }
    JsonNode fields = stored.path("fields");
    List<String> subdirectories = new ArrayList<>();
    stored.path("subdirectories").forEach(entry -> subdirectories.add(entry.asString()));
    IdKind idKind = IdKind.valueOf(stored.path("idKind").asString(IdKind.SNOWFLAKE.name()));
    if (fields.isMissingNode()) {
      return new RootKind(kind, "id", "version", "createdAt", "updatedAt", subdirectories, idKind);
    }
    return new RootKind(
        kind,
        fields.path("id").asString("id"),
        fields.path("version").asString("version"),
        textOrNull(fields.path("createdAt")),
        textOrNull(fields.path("updatedAt")),
        subdirectories,
        idKind);
  }

  private static @Nullable String textOrNull(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }
}
