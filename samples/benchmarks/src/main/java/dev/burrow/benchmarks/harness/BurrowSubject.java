package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import javax.sql.DataSource;

/** Burrow's generated store; updates take the instance's lock. */
final class BurrowSubject implements Subject {
  private final BenchRunStore store;

  private BurrowSubject(BenchRunStore store) {
    this.store = store;
  }

  /** The store on the filesystem backend at {@code root}. */
  static BurrowSubject onFiles(Path root, Durability durability) {
    return new BurrowSubject(
        BenchRunStore.open(StoreOptions.defaults().withDataRoot(root).withDurability(durability)));
  }

  /** The store on PostgreSQL, with instance directories under {@code root}. */
  static BurrowSubject onPostgres(DataSource database, Path root) {
    return new BurrowSubject(
        BenchRunStore.open(database, StoreOptions.defaults().withDataRoot(root)));
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
