package dev.burrow.cli.root;

import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceLock;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.events.FileEventLog;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A data root opened without the application's classes: Burrow's own store engine and filesystem
 * backend over {@link JsonDocumentSchema}, so every read, lock and sweep is the one the
 * application's stores do. Opening it sweeps crash leftovers, as any store's opening does.
 */
public final class DataRoot implements AutoCloseable {
  private final Path path;
  private final RootKind kind;
  private final StoreEngine<JsonDocument> engine;

  private DataRoot(Path path, RootKind kind, StoreEngine<JsonDocument> engine) {
    this.path = path;
    this.kind = kind;
    this.engine = engine;
  }

  /**
   * Opens the data root at {@code root}, whose instance locks it waits for at most {@code
   * lockTimeout}.
   *
   * @throws NotADataRootException if {@code root} holds no Burrow data root
   */
  public static DataRoot open(Path root, Duration lockTimeout) {
    Path absolute = root.toAbsolutePath().normalize();
    RootKind kind = RootKind.read(absolute);
    StoreEngine<JsonDocument> engine =
        StoreEngine.open(
            new JsonDocumentSchema(kind),
            StoreOptions.defaults()
                .withDataRoot(absolute)
                .withLockTimeout(lockTimeout)
                .withCorruptionListener(problem -> {}));
    return new DataRoot(absolute, kind, engine);
  }

  public Path path() {
    return path;
  }

  public RootKind kind() {
    return kind;
  }

  /** One page of instances, newest first, with a report for each damaged one. */
  public Page<JsonDocument> page(PageRequest request) {
    return engine.list(request);
  }

  public Optional<JsonDocument> find(String id) {
    return engine.find(id);
  }

  /** The instance's directory. */
  public InstanceDirectory dirs(String id) {
    return engine.dirs(id);
  }

  /** Takes the instance's lock, the one its writers take. */
  public InstanceLock lock(String id) {
    return engine.lock(id, engine.options().lockTimeout());
  }

  /** The instance's event log, if it has one (reading it creates nothing). */
  public Optional<EventLog<JsonNode>> events(String id) {
    Path file = dirs(id).root().resolve(FileEventLog.RELATIVE_PATH);
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(engine.events(id, JsonNode.class));
  }

  @Override
  public void close() {
    engine.close();
  }
}
