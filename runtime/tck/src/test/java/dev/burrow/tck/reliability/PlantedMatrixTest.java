package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.PageRequest;
import dev.burrow.SharedDocument;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of entry an attacker who can write the data root can plant, at every place of an
 * instance Burrow opens or walks through (its document, event log, an instance file, a shared
 * document, the instance directory, its {@code events/} directory, its leaf and top shards), after
 * the store opened, against every public operation. Whatever is planted, each operation must end
 * (no thread waits on a FIFO), throw nothing but a {@link BurrowException} (no {@code
 * OutOfMemoryError}, no raw {@code IOException}), write nothing outside the root, never return what
 * lies behind a link, tell the truth about a delete, and leave {@code list()}, {@code stream()},
 * paging and retention going on with the healthy instance, before and after the store is opened
 * again.
 */
class PlantedMatrixTest {
  private static final Duration NO_HANG = Duration.ofSeconds(20);

  /**
   * Longer than every cap on what Burrow reads (16 MiB documents, lines, files; 64 KiB markers).
   */
  private static final long HUGE_BYTES = 64L * 1024 * 1024 + 1;

  @TempDir Path root;
  @TempDir Path outside;
  private final List<Path> fifos = new ArrayList<>();
  private final List<ServerSocketChannel> sockets = new ArrayList<>();

  /** Where something is planted. */
  enum Place {
    DOCUMENT(false),
    EVENT_LOG(false),
    INSTANCE_FILE(false),
    SHARED_DOCUMENT(false),
    INSTANCE_DIRECTORY(true),
    EVENTS_DIRECTORY(true),
    LEAF_SHARD(true),
    TOP_SHARD(true);

    final boolean directory;

    Place(boolean directory) {
      this.directory = directory;
    }
  }

  /** What is planted there. */
  enum Plant {
    /** A link to a regular file outside holding what was there (or a valid document). */
    LINK_TO_FILE,
    /** A link to a directory outside (for a directory, the directory itself, moved out). */
    LINK_TO_DIRECTORY,
    DANGLING_LINK,
    FIFO,
    SOCKET,
    /** An empty directory in place of a file. */
    DIRECTORY,
    /** A regular file in place of a directory. */
    FILE,
    /** A sparse file longer than every read cap, in place of a file. */
    HUGE_FILE,
    /** A hard link to a regular file outside holding what was there: a second name of it. */
    HARD_LINK
  }

  static Stream<Arguments> plantings() {
    return everyPlantAt(Place.values(), place -> place.directory);
  }

  /**
   * Each of {@code places} with every plant that changes what is there: no directory in place of a
   * directory, no file in place of a file, and no huge file or hard link where a directory belongs.
   */
  private static <P> Stream<Arguments> everyPlantAt(P[] places, Predicate<P> isDirectory) {
    Stream.Builder<Arguments> all = Stream.builder();
    for (P place : places) {
      boolean directory = isDirectory.test(place);
      for (Plant plant : Plant.values()) {
        if (plant != (directory ? Plant.DIRECTORY : Plant.FILE)
            && !(directory && (plant == Plant.HUGE_FILE || plant == Plant.HARD_LINK))) {
          all.add(Arguments.of(place, plant));
        }
      }
    }
    return all.build();
  }

  /** Releases any reader a FIFO still blocks, so the JVM can go on after a failure. */
  @AfterEach
  void release() throws IOException {
    RootChecks.releaseFifos(fifos);
    for (ServerSocketChannel socket : sockets) {
      socket.close();
    }
  }

  @ParameterizedTest(name = "{1} at the {0}")
  @MethodSource("plantings")
  void nothingPlantedIsFollowedWaitedForOrStopsTheListing(Place place, Plant plant)
      throws Exception {
    List<CorruptInstanceException> reported = new CopyOnWriteArrayList<>();
    List<String> outcomes = new ArrayList<>();
    Map<Path, String> before;
    try (CounterStore store =
        CounterStore.open(
            Counters.options(root, Durability.NONE).withCorruptionListener(reported::add))) {
      store.create("healthy");
      Counter victim = store.create("victim");
      EventLog<Tick> events = store.events("victim", Tick.class);
      events.append(new Tick(1));
      InstanceFiles files = store.files("victim");
      files.write("state/progress.json", new Tick(1));
      SharedDocument<Tick> shared =
          store.shared().document("config", Tick.class, () -> new Tick(0));
      shared.update(tick -> new Tick(1));

      Path directory = Stores.instanceDirectory(root, "victim");
      Path at =
          switch (place) {
            case DOCUMENT -> directory.resolve("instance.json");
            case EVENT_LOG -> events.file();
            case INSTANCE_FILE -> files.file("state/progress.json");
            case SHARED_DOCUMENT -> shared.path();
            case INSTANCE_DIRECTORY -> directory;
            case EVENTS_DIRECTORY -> events.file().getParent();
            case LEAF_SHARD -> directory.getParent();
            case TOP_SHARD -> directory.getParent().getParent();
          };
      plant(plant, at);
      before = snapshot(outside);

      boolean followable = plant == Plant.LINK_TO_FILE || plant == Plant.LINK_TO_DIRECTORY;
      boolean onTheWay =
          place == Place.DOCUMENT || place.directory && place != Place.EVENTS_DIRECTORY;
      Optional<Counter> read = attempt(outcomes, "get", () -> store.get("victim"));
      if (followable && onTheWay && read.isPresent()) {
        // Only the document kept in memory, whose file (moved out, unchanged) still shows the
        // identity it had when Burrow wrote it: the very bytes Burrow wrote, nothing read outside.
        assertEquals(victim, read.get(), "read something else through the link: " + outcomes);
      }
      attempt(outcomes, "find", () -> store.find("victim"));
      attempt(outcomes, "create again", () -> store.create("victim"));
      attempt(outcomes, "create in its top shard", () -> store.create("victim2"));
      Optional<Counter> updated =
          attempt(outcomes, "update", () -> store.update("victim", Counter::increment));
      if (followable && onTheWay) {
        assertTrue(updated.isEmpty(), "wrote through the link: " + outcomes);
      }
      attempt(outcomes, "updateOptimistic", () -> store.updateOptimistic("victim", c -> {}));
      attempt(outcomes, "compareAndSet", () -> store.compareAndSet(victim.incremented()));
      attempt(outcomes, "events read", () -> events.read(0));
      attempt(outcomes, "events append", () -> events.append(new Tick(2)));
      attempt(outcomes, "events read again", () -> events.read(0, 10));
      attempt(outcomes, "file read", () -> files.read("state/progress.json", Tick.class));
      attempt(
          outcomes,
          "file write",
          () -> {
            files.write("state/progress.json", new Tick(2));
            return true;
          });
      attempt(outcomes, "shared read", shared::read);
      attempt(outcomes, "shared update", () -> shared.update(tick -> new Tick(2)));
      attempt(
          outcomes,
          "lock",
          () -> {
            try (InstanceLock lock = store.lock("victim", NO_HANG)) {
              return lock.fencingToken();
            }
          });
      Optional<CounterDirs> dirs = attempt(outcomes, "dirs", () -> store.dirs("victim"));
      if (dirs.isPresent()) {
        assertTrue(
            dirs.get().root().toRealPath().startsWith(root.toRealPath()),
            "dirs() handed out a way out of the root: " + dirs.get().root().toRealPath());
      }
      assertListingGoesOn(store, outcomes);
      Optional<Boolean> deleted = attempt(outcomes, "delete", () -> store.delete("victim"));
      if (deleted.orElse(false)) {
        assertEquals(
            Optional.of(Optional.empty()),
            attempt(outcomes, "find after delete", () -> store.find("victim")),
            "a delete that returned true left the instance: " + outcomes);
      }
      assertListingGoesOn(store, outcomes);
    }
    try (CounterStore reopened = Counters.open(root, Durability.NONE)) {
      assertListingGoesOn(reopened, outcomes);
      attempt(outcomes, "delete after reopening", () -> reopened.delete("victim"));
    }
    assertEquals(before, snapshot(outside), "something outside the root changed: " + outcomes);
    System.out.println("planted " + plant + " at the " + place + ": " + outcomes);
  }

  /** Burrow's own files and directories, relative to the data root. */
  enum Bookkeeping {
    KIND_MARKER(".burrow/store.json", false),
    LOCK_FILE(".burrow/locks/instances.lock", false),
    LOCKS(".burrow/locks", true),
    WORKER_LEASE(".burrow/workers/*.lease", false),
    /** The high-water mark of a Snowflake worker, beside its lease. */
    WORKER_MARK(".burrow/workers/*.mark", false),
    WORKERS(".burrow/workers", true),
    TEMPORARY_AREA(".burrow/tmp", true),
    TEMPORARY_SESSION(".burrow/tmp/*", true),
    /** The lease of a temporary-file session of another process, which the sweep at open tries. */
    FOREIGN_SESSION_LEASE(".burrow/tmp/planted.lease", false),
    STAGING(".burrow/staging", true),
    TRASH(".burrow/trash", true),
    TRASH_STRIPE(".burrow/trash/0", true),
    SHARED("shared", true),
    INSTANCES("instances", true);

    final String path;
    final boolean directory;

    Bookkeeping(String path, boolean directory) {
      this.path = path;
      this.directory = directory;
    }

    Path in(Path root) throws IOException {
      return planted(root, path, directory);
    }
  }

  /**
   * The path {@code path} in {@code root}; a last name with a {@code *} is a glob, naming the first
   * entry of its directory that matches it and is a directory if {@code directory}, else not.
   */
  static Path planted(Path root, String path, boolean directory) throws IOException {
    int slash = path.lastIndexOf('/');
    String glob = path.substring(slash + 1);
    if (!glob.contains("*")) {
      return root.resolve(path);
    }
    Path parent = root.resolve(path.substring(0, slash));
    PathMatcher matcher = parent.getFileSystem().getPathMatcher("glob:" + glob);
    try (Stream<Path> entries = Files.list(parent)) {
      return entries
          .filter(p -> matcher.matches(p.getFileName()))
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) == directory)
          .sorted()
          .findFirst()
          .orElseThrow(() -> new AssertionError("nothing like " + glob + " in " + parent));
    }
  }

  static Stream<Arguments> bookkeepingPlantings() {
    return everyPlantAt(Bookkeeping.values(), place -> place.directory);
  }

  /**
   * The same for Burrow's own files, planted after the store opened: every operation ends with a
   * result or a {@link BurrowException}, nothing outside the root is written, the listing goes on
   * (unless {@code instances/} itself is what was planted), and opening the root again either
   * refuses it with a {@link BurrowException} or lists the healthy instance.
   */
  @ParameterizedTest(name = "{1} at {0}")
  @MethodSource("bookkeepingPlantings")
  void nothingPlantedInBurrowsOwnFilesIsFollowedOrWaitedFor(Bookkeeping place, Plant plant)
      throws Exception {
    List<String> outcomes = new ArrayList<>();
    Map<Path, String> before;
    try (CounterStore store =
        CounterStore.open(
            StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE))) {
      Counter healthy = store.create("healthy");
      store.create("doomed");
      store.create();
      store.update("healthy", Counter::increment);
      store.events("healthy", Tick.class).append(new Tick(1));
      store.shared().document("config", Tick.class, () -> new Tick(0)).update(t -> new Tick(1));
      Path at = place.in(root);
      plant(plant, at);
      before = snapshot(outside);

      attempt(outcomes, "create", () -> store.create());
      attempt(outcomes, "create with an id", () -> store.create("new"));
      attempt(outcomes, "get", () -> store.get("healthy"));
      attempt(outcomes, "update", () -> store.update("healthy", Counter::increment));
      attempt(outcomes, "compareAndSet", () -> store.compareAndSet(healthy.incremented()));
      attempt(
          outcomes, "events append", () -> store.events("healthy", Tick.class).append(new Tick(2)));
      attempt(
          outcomes,
          "shared update",
          () ->
              store
                  .shared()
                  .document("config", Tick.class, () -> new Tick(0))
                  .update(t -> new Tick(2)));
      attempt(outcomes, "delete", () -> store.delete("doomed"));
      if (place != Bookkeeping.INSTANCES) {
        assertListingGoesOn(store, outcomes);
      } else {
        attempt(outcomes, "list", () -> store.list());
      }
    }
    Optional<CounterStore> reopened =
        attempt(outcomes, "open again", () -> Counters.open(root, Durability.NONE));
    if (reopened.isPresent()) {
      try (CounterStore store = reopened.get()) {
        if (place != Bookkeeping.INSTANCES) {
          assertListingGoesOn(store, outcomes);
        }
      }
    }
    assertEquals(before, snapshot(outside), "something outside the root changed: " + outcomes);
    System.out.println("planted " + plant + " at " + place + ": " + outcomes);
  }

  /**
   * The same for {@code .burrow/indexes}, which a store of a type with {@code @Indexed} components
   * lists when it opens: the entry planted in its place is removed, never followed, and the indexes
   * rebuilt (before the fix a FIFO there made the open wait for good), and nothing outside the root
   * is written.
   */
  @ParameterizedTest(name = "{0} at .burrow/indexes")
  @EnumSource(
      value = Plant.class,
      names = {"LINK_TO_FILE", "LINK_TO_DIRECTORY", "DANGLING_LINK", "FIFO", "SOCKET", "FILE"})
  void nothingPlantedInPlaceOfTheIndexesIsFollowedOrWaitedFor(Plant plant) throws Exception {
    List<String> outcomes = new ArrayList<>();
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE);
    try (IndexedCounterStore store = IndexedCounterStore.open(options)) {
      store.create("healthy");
    }
    plant(plant, root.resolve(".burrow/indexes"));
    Map<Path, String> before = snapshot(outside);

    Optional<IndexedCounterStore> reopened =
        attempt(outcomes, "open", () -> IndexedCounterStore.open(options));
    if (reopened.isPresent()) {
      try (IndexedCounterStore store = reopened.get()) {
        attempt(
            outcomes,
            "find by status",
            () -> store.findByStatus("PENDING", PageRequest.first(10)).items());
        attempt(outcomes, "update", () -> store.update("healthy", IndexedCounter::increment));
        attempt(outcomes, "create", () -> store.create("new"));
      }
    }
    assertEquals(before, snapshot(outside), "something outside the root changed: " + outcomes);
    System.out.println("planted " + plant + " at .burrow/indexes: " + outcomes);
  }

  /** The files of the indexes of a store of {@link IndexedCounter}, relative to the data root. */
  enum IndexPlace {
    /** The index of the component {@code status}. */
    INDEX(".burrow/indexes/=status", true),
    /** Its value directory of {@code PENDING}. */
    VALUES(".burrow/indexes/=status/=.p.e.n.d.i.n.g", true),
    /** The top-level shard of the entry of instance {@code healthy} there. */
    TOP_SHARD(".burrow/indexes/=status/=.p.e.n.d.i.n.g/health@t", true),
    /** The leaf shard of that entry. */
    LEAF_SHARD(".burrow/indexes/=status/=.p.e.n.d.i.n.g/health@t/healthy@t", true),
    /** The entry of instance {@code healthy} there, in its leaf. */
    ENTRY(".burrow/indexes/=status/=.p.e.n.d.i.n.g/health@t/healthy@t/healthy", false),
    /**
     * The same entry directly in its top-level shard, where a durable store puts the entry of an
     * instance alone in its leaf.
     */
    ENTRY_IN_TOP(".burrow/indexes/=status/=.p.e.n.d.i.n.g/health@t/healthy", false),
    /** The marker saying the index is complete. */
    READY_MARKER(".burrow/indexes/=status/.ready*", false),
    /** Where the index journals of live processes are. */
    JOURNAL(".burrow/journal", true),
    /** This process's index journal. */
    JOURNAL_LOG(".burrow/journal/*.log", false);

    final String path;
    final boolean directory;

    IndexPlace(String path, boolean directory) {
      this.path = path;
      this.directory = directory;
    }
  }

  static Stream<Arguments> indexPlantings() {
    return everyPlantAt(IndexPlace.values(), place -> place.directory);
  }

  /**
   * The same for the files inside the indexes and the index journal, planted after the store
   * opened: every operation ends with a result or a {@link BurrowException}, nothing outside the
   * root is written, the listing goes on, and once the root is opened again (unless the open
   * refuses the planted path with a {@link BurrowException}) a query finds the healthy instance and
   * leaves the index complete, its ready marker a regular file: what is planted in an index is
   * removed, never followed, and the index rebuilt once, not at every query.
   */
  @ParameterizedTest(name = "{1} at {0}")
  @MethodSource("indexPlantings")
  void nothingPlantedInTheIndexesIsFollowedOrWaitedFor(IndexPlace place, Plant plant)
      throws Exception {
    List<String> outcomes = new ArrayList<>();
    // Durable, so that writes keep an index journal.
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.FSYNC);
    Map<Path, String> before;
    try (IndexedCounterStore store = IndexedCounterStore.open(options)) {
      store.create("healthy");
      store.create("doomed");
      store.update("healthy", IndexedCounter::increment);
      plant(plant, planted(root, place.path, place.directory));
      before = snapshot(outside);

      attempt(
          outcomes,
          "find by status",
          () -> store.findByStatus("PENDING", PageRequest.first(10)).items());
      attempt(outcomes, "count by status", () -> store.countByStatus("PENDING"));
      attempt(outcomes, "update", () -> store.update("healthy", IndexedCounter::increment));
      attempt(outcomes, "create", () -> store.create("new"));
      attempt(outcomes, "delete", () -> store.delete("doomed"));
      assertTrue(
          noHang(() -> store.list()).stream().anyMatch(c -> c.id().equals("healthy")),
          "list() lost the healthy instance: " + outcomes);
    }
    Optional<IndexedCounterStore> reopened =
        attempt(outcomes, "open again", () -> IndexedCounterStore.open(options));
    if (reopened.isPresent()) {
      try (IndexedCounterStore store = reopened.get()) {
        List<String> found =
            noHang(() -> store.findByStatus("PENDING", PageRequest.first(10)).items()).stream()
                .map(IndexedCounter::id)
                .toList();
        assertTrue(found.contains("healthy"), "the query lost the healthy instance: " + outcomes);
        Path marker = planted(root, IndexPlace.READY_MARKER.path, false);
        assertTrue(
            Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS),
            "the index stays incomplete, rebuilt at every query: " + marker + " " + outcomes);
      }
    }
    Map<Path, String> after = snapshot(outside);
    if (place == IndexPlace.JOURNAL && plant == Plant.LINK_TO_DIRECTORY) {
      // The journal moved out holds this process's own log, open since before the move: appends
      // go to that open file, wherever it was moved, and through no path (a new log would be
      // refused, as the reopening shows).
      before.keySet().removeIf(PlantedMatrixTest::isLog);
      after.keySet().removeIf(PlantedMatrixTest::isLog);
    }
    assertEquals(before, after, "something outside the root changed: " + outcomes);
    System.out.println("planted " + plant + " at " + place + ": " + outcomes);
  }

  private static boolean isLog(Path path) {
    return path.getFileName().toString().endsWith(".log");
  }

  /** {@code list()}, {@code stream()}, pages of one and retention name the healthy instance. */
  private static void assertListingGoesOn(CounterStore store, List<String> outcomes) {
    assertTrue(
        noHang(() -> store.list()).stream().anyMatch(c -> c.id().equals("healthy")),
        "list() lost the healthy instance: " + outcomes);
    assertTrue(
        noHang(() -> store.stream().anyMatch(c -> c.id().equals("healthy"))),
        "stream() lost the healthy instance: " + outcomes);
    List<String> paged = new ArrayList<>();
    noHang(
        () -> {
          PageRequest request = PageRequest.first(1);
          while (request != null) {
            var page = store.list(request);
            page.items().forEach(c -> paged.add(c.id()));
            request = page.next();
          }
          return paged;
        });
    assertTrue(paged.contains("healthy"), "pages lost the healthy instance: " + outcomes);
    noHang(() -> store.prune(c -> false));
    noHang(() -> store.deleteOlderThan(Duration.ofDays(1)));
    assertEquals("healthy", noHang(() -> store.get("healthy")).id());
  }

  /**
   * Runs {@code operation}, which must end within {@link #NO_HANG} and either return (its value) or
   * throw a {@link BurrowException} (empty); notes which in {@code outcomes}.
   */
  private static <V> Optional<V> attempt(
      List<String> outcomes, String name, ThrowingSupplier<V> operation) {
    try {
      V value = noHang(operation);
      outcomes.add(name + ": ok");
      return Optional.of(value);
    } catch (BurrowException e) {
      String message = String.valueOf(e.getMessage());
      outcomes.add(
          name
              + ": "
              + e.getClass().getSimpleName()
              + " ("
              + message.substring(0, Math.min(160, message.length()))
              + ")");
      return Optional.empty();
    }
  }

  private static <V> V noHang(ThrowingSupplier<V> action) {
    Supplier<String> message = () -> "blocked on a planted file";
    return assertTimeoutPreemptively(NO_HANG, action, message);
  }

  private void plant(Plant plant, Path at) throws IOException, InterruptedException {
    boolean wasDirectory = Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS);
    if (plant == Plant.LINK_TO_DIRECTORY && wasDirectory) {
      Files.createSymbolicLink(at, Files.move(at, outside.resolve("moved")));
      return;
    }
    byte[] content =
        Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(at) : new byte[0];
    if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
      removeTree(at);
    }
    // An index entry's leaf may not exist: a durable store puts the entry in its top shard.
    Files.createDirectories(at.getParent());
    switch (plant) {
      case LINK_TO_FILE -> {
        Path target = outside.resolve("target.json");
        Files.write(target, content.length > 0 ? content : "{}".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(at, target);
      }
      case LINK_TO_DIRECTORY -> {
        Path target = Files.createDirectories(outside.resolve("target"));
        Files.write(target.resolve("instance.json"), content);
        Files.createSymbolicLink(at, target);
      }
      case DANGLING_LINK -> Files.createSymbolicLink(at, outside.resolve("nothing"));
      case FIFO -> {
        Process mkfifo = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo " + at);
        fifos.add(at);
      }
      case SOCKET -> {
        ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        sockets.add(socket);
        socket.bind(UnixDomainSocketAddress.of(at));
      }
      case DIRECTORY -> Files.createDirectory(at);
      case FILE ->
          Files.write(
              at, content.length > 0 ? content : "planted".getBytes(StandardCharsets.UTF_8));
      case HUGE_FILE -> {
        try (RandomAccessFile file = new RandomAccessFile(at.toFile(), "rw")) {
          file.setLength(HUGE_BYTES);
        }
      }
      case HARD_LINK -> {
        Path target = outside.resolve("linked");
        Files.write(
            target, content.length > 0 ? content : "planted".getBytes(StandardCharsets.UTF_8));
        Files.createLink(at, target);
      }
    }
  }

  private static void removeTree(Path at) throws IOException {
    try (Stream<Path> all = Files.walk(at)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Every path below {@code dir} with its type, size and modification time, links not followed. */
  private static Map<Path, String> snapshot(Path dir) throws IOException {
    Map<Path, String> seen = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        BasicFileAttributes attributes =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        seen.put(
            p,
            (attributes.isDirectory() ? "d " : attributes.isSymbolicLink() ? "l " : "f ")
                + attributes.size()
                + " "
                + attributes.lastModifiedTime());
      }
    }
    return seen;
  }
}
