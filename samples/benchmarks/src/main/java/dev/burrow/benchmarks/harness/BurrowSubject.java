package dev.burrow.benchmarks.harness;

import dev.burrow.runtime.fs.Durability;
import dev.burrow.runtime.store.StoreOptions;
import java.nio.file.Path;

/** Burrow's generated store on the filesystem backend; updates take the instance's lock. */
final class BurrowSubject implements Subject {
  private final BenchRunStore store;

  BurrowSubject(Path root, Durability durability) {
    store = BenchRunStore.open(StoreOptions.defaults().withDataRoot(root).withDurability(durability));
  }

  @Override
  public void create(String id) {
    store.create(id, c -> c.putParam("text", BenchRun.TEXT));
  }

  @Override
  public void update(String id) {
    store.update(id, c -> c.status("running").counter(c.counter() + 1));
  }

  @Override
  public void get(String id) {
    store.get(id);
  }

  @Override
  public int list() {
    return store.list().size();
  }

  @Override
  public void delete(String id) {
    if (!store.delete(id)) {
      throw new IllegalStateException("instance " + id + " was not there to delete");
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
