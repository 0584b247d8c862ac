package dev.burrow.benchmarks.harness;

import io.jsondb.JsonDBTemplate;
import java.nio.file.Path;
import java.time.Instant;

/**
 * JsonDB ({@code io.jsondb:jsondb-core}): one collection file, every document also held in memory;
 * an update is {@code findById}, change, {@code save}. JsonDB has no version check and never forces
 * its files to the device, so it is compared with Burrow's non-durable runs.
 */
final class JsonDbSubject implements Subject {
  private final JsonDBTemplate db;

  JsonDbSubject(Path root) {
    db = new JsonDBTemplate(root.toString(), JsonDbRun.class.getPackageName());
    if (!db.collectionExists(JsonDbRun.class)) {
      db.createCollection(JsonDbRun.class);
    }
  }

  @Override
  public void create(String id) {
    db.insert(JsonDbRun.of(Documents.fresh(id)));
  }

  @Override
  public void update(String id) {
    JsonDbRun run = find(id);
    run.setStatus("running");
    run.setCounter(run.getCounter() + 1);
    run.setVersion(run.getVersion() + 1);
    run.setUpdatedAt(Instant.now().toString());
    db.save(run, JsonDbRun.class);
  }

  @Override
  public void get(String id) {
    find(id);
  }

  @Override
  public int list() {
    return db.findAll(JsonDbRun.class).size();
  }

  @Override
  public void delete(String id) {
    db.remove(find(id), JsonDbRun.class);
  }

  private JsonDbRun find(String id) {
    JsonDbRun run = db.findById(id, JsonDbRun.class);
    if (run == null) {
      throw new IllegalStateException("no document " + id);
    }
    return run;
  }

  @Override
  public void close() {
    // JsonDB holds no open files or threads between calls.
  }
}
