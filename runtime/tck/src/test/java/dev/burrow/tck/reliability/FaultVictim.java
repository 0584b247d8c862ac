package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.id.WorkerIdAllocator;
import dev.burrow.runtime.internal.id.WorkerIds;
import dev.burrow.runtime.internal.id.WorkerLease;
import dev.burrow.test.CrashTester;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Child main of {@link FaultInjectionTest}, run under {@code fiu-run -x -f <args[1]>}: a store
 * (FSYNC) at {@code args[0]} whose operations the parent makes fail. Commands on stdin:
 *
 * <ul>
 *   <li>{@code prepare <op>}: chooses (and for {@code delete} creates) the instance the next fault
 *       hits; prints {@code subject <id>}; {@code op} is {@code create}, {@code update}, {@code
 *       cas}, {@code delete}, {@code event} (an append to the instance's event log) or {@code
 *       event-found} (an append to the log of a new instance, which holds one event appended under
 *       {@link Durability#NONE}: a log this process found and has not flushed the name of, as a
 *       crashed writer leaves it), {@code list} (a listing of create-unique files) or {@code
 *       crashdir} (a {@link CrashTester} run in an empty directory of its own, whose first step
 *       lists that directory) or {@code crashfail} (a {@link CrashTester} run in a temporary
 *       directory whose operation fails, which the tester then removes) or {@code crashstate} (a
 *       {@link CrashTester} run whose invariant fails, which the tester then reports with a listing
 *       of the recovered root) or {@code crashstate-passing} (the same run, its invariant passing)
 *       or {@code instances} (a listing of the instances) or {@code open} (a second store opened on
 *       the root, whose open sweeps it, and closed) or {@code lease} (the clean close of a worker
 *       lease, taken and given a high-water mark by {@code prepare}, which lowers the mark; prints
 *       {@code ok <mark the next holder finds> <warnings logged>}) or {@code pgbinaries} (a start
 *       of the throwaway PostgreSQL server, which looks for binaries in Debian's install directory,
 *       {@code /usr/lib/postgresql}, and is stopped again if it starts);
 *   <li>{@code fault <point>[+<point>...] <errno>}: enables each libfiu point to fail once with
 *       that errno (a point ending in {@code *}: every time, until it is disabled; for {@code
 *       posix/io/oc/open}, also a second open of the file it failed, the read's retry for reading
 *       alone), runs the operation, disables the points; prints {@code ok} or {@code threw
 *       <exception class> <message>};
 *   <li>{@code retry}: runs the same operation again without a fault; prints as above.
 * </ul>
 *
 * <p>The point {@code dirsync} is not one of libfiu's: it fails the directory {@code fsync} that
 * follows a rename (a libfiu fault armed on {@code fsync} would hit the first {@code fsync}, the
 * temporary file's). The store runs on a {@link RecordingFileSystem} whose hooks arm libfiu's
 * {@code posix/io/sync/fsync} once a rename is done, right before the directory is opened to be
 * flushed, so the failure is real and comes from libfiu.
 *
 * <p>The point {@code logclose} is not one of libfiu's either: it fails the {@code close} of an
 * event log opened to append, armed from the recording file system's hook right before it; {@code
 * stampclose} the {@code close} that follows the creation of a file (the one of the descriptor the
 * JDK opens to set the new file's modification time), armed right after that creation; {@code
 * closeafterrename} the first {@code close} after the next rename, armed right before it; {@code
 * closeafterop} and {@code readdirafterop} the first {@code close} or {@code readdir} after the
 * failing operation of {@code crashfail} or invariant of {@code crashstate}, armed from inside it;
 * {@code tmpread} the first {@code readdir} of the next listing of {@code .burrow/tmp/}, the
 * sweep's, and {@code instancesread} that of {@code instances/}, the layout upgrade's at an open,
 * each armed right before that listing.
 *
 * <p>The point is switched through libfiu's control FIFOs with a gathering write ({@code writev}),
 * which the {@code write} point cannot break; nothing else is written while a point is armed. Every
 * operation runs once before {@code ready}, so that no class is loaded (an {@code open}) while a
 * fault waits for the operation.
 */
public final class FaultVictim {
  private static final String FSYNC = "posix/io/sync/fsync";
  private static final String OPEN = "posix/io/oc/open";
  private static final String CLOSE = "posix/io/oc/close";
  private static final String READDIR = "posix/io/dir/readdir";

  /** Opens a store on the root: the op {@code open} runs it. */
  private static @Nullable Supplier<CounterStore> opener;

  /** The tester the op {@code crashdir} runs, made (its class loaded) before the fault. */
  private static @Nullable CrashTester<CounterStore> crashTester;

  /**
   * The errno of the point {@code closeafterop} or {@code readdirafterop}, armed by the failing
   * operation of {@code crashfail} or the failing invariant of {@code crashstate}.
   */
  private static @Nullable String closeAfterOperation;

  /** The libfiu point {@link #closeAfterOperation} arms: {@code close} or {@code readdir}. */
  private static String afterOperationPoint = CLOSE;

  /** The leases of the root, through the recording file system: the op {@code lease} uses them. */
  private static @Nullable WorkerIdAllocator leases;

  /** The lease the op {@code lease} closes, and the time its mark is lowered to. */
  private static @Nullable WorkerLease lease;

  private static long loweredMark;

  private FaultVictim() {}

  /** Arms a libfiu fault on the directory flush after the next rename, on the store's thread. */
  private static final class DirSyncFault implements RecordingFileSystem.Hooks {
    private final FileChannel commands;
    private final FileChannel replies;
    private @Nullable String errno;
    private boolean renamed;

    DirSyncFault(FileChannel commands, FileChannel replies) {
      this.commands = commands;
      this.replies = replies;
    }

    void arm(String errno) {
      this.errno = errno;
      this.renamed = false;
    }

    private @Nullable String readErrno;
    private Path readDirectory = Path.of(".burrow", "tmp");

    /**
     * Arms a libfiu fault on the first {@code readdir} of the next listing of {@code directory}, a
     * path relative to the root.
     */
    void armRead(String errno, Path directory) {
      readErrno = errno;
      readDirectory = directory;
    }

    @Override
    public void beforeList(Path real) throws IOException {
      String pending = readErrno;
      if (pending != null && real.normalize().endsWith(readDirectory)) {
        readErrno = null;
        control(commands, replies, enable(READDIR, pending));
      }
    }

    @Override
    public void afterMove(Path from, Path to) {
      renamed = errno != null;
    }

    private @Nullable String closeAfterRename;

    /**
     * Arms a libfiu fault on the first {@code close} after the next rename (which another point
     * fails): the one of a directory handle of the removal of what the failed write staged.
     */
    void armCloseAfterRename(String errno) {
      closeAfterRename = errno;
    }

    @Override
    public void beforeMove(Path from, Path to) throws IOException {
      String pending = closeAfterRename;
      if (pending != null) {
        closeAfterRename = null;
        control(commands, replies, enable(CLOSE, pending));
      }
    }

    private @Nullable String logClose;

    /**
     * Arms a libfiu fault on the next {@code close} of an event log opened to append (with {@code
     * CREATE}: a read opens it for reading and writing too, never to create it).
     */
    void armLogClose(String errno) {
      logClose = errno;
    }

    private @Nullable String stampClose;

    /**
     * Arms a libfiu fault on the next {@code close} after a new file is created: the one of the
     * descriptor the JDK opens to set the file's modification time, right after it is written.
     */
    void armStampClose(String errno) {
      stampClose = errno;
    }

    @Override
    public void afterOpen(Path real, Set<? extends OpenOption> options) throws IOException {
      String pending = stampClose;
      if (pending != null && options.contains(StandardOpenOption.CREATE_NEW)) {
        stampClose = null;
        control(commands, replies, enable(CLOSE, pending));
      }
    }

    @Override
    public void beforeClose(Path real, Set<? extends OpenOption> options) throws IOException {
      String pending = logClose;
      if (pending != null
          && options.contains(StandardOpenOption.CREATE)
          && real.getFileName().toString().equals("events.jsonl")) {
        logClose = null;
        control(commands, replies, enable(CLOSE, pending));
      }
    }

    @Override
    public void beforeOpen(Path real, Set<? extends OpenOption> options) throws IOException {
      String pending = errno;
      if (pending != null && renamed && Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
        errno = null;
        control(commands, replies, enable(FSYNC, pending));
      }
      openAgain.beforeOpen(real);
    }

    private final OpenAgainFault openAgain = new OpenAgainFault();

    /**
     * Fails a second open of the file whose open the armed {@code open} fault failed: a read whose
     * open for reading and writing fails opens the file again for reading alone, and a disk that
     * fails one open of a file fails that one too.
     */
    private final class OpenAgainFault {
      private @Nullable String errno;
      private @Nullable Path failed;
      private @Nullable Thread operating;

      /** Arms it for the operation the calling thread runs next. */
      void arm(String value) {
        errno = value;
        failed = null;
        operating = Thread.currentThread();
      }

      void disarm() {
        errno = null;
      }

      void beforeOpen(Path real) throws IOException {
        String pending = errno;
        if (pending == null || Thread.currentThread() != operating) {
          return;
        }
        if (failed == null) {
          failed = real; // libfiu's fault, armed by the command, fails this open
        } else if (real.equals(failed)) {
          errno = null;
          control(commands, replies, enable(OPEN, pending));
        }
      }
    }
  }

  public static void main(String[] args) throws IOException {
    long pid = ProcessHandle.current().pid();
    Path realRoot = Files.createDirectories(Path.of(args[0])).toRealPath();
    try (FileChannel commands =
            FileChannel.open(Path.of(args[1] + "-" + pid + ".in"), StandardOpenOption.WRITE);
        FileChannel replies =
            FileChannel.open(Path.of(args[1] + "-" + pid + ".out"), StandardOpenOption.READ)) {
      DirSyncFault dirSync = new DirSyncFault(commands, replies);
      RecordingFileSystem fs = RecordingFileSystem.over(realRoot, path -> true, dirSync);
      opener = () -> Counters.open(fs.wrap(realRoot), Durability.FSYNC);
      leases = WorkerIds.fileLeases(fs.wrap(realRoot));
      run(opener, dirSync, commands, replies);
    }
  }

  /**
   * Answers the parent's commands. After each operation the store is closed, which waits for the
   * removal of what a delete put in the trash, and opened again, so that the parent finds the root
   * as the operation left it.
   */
  private static void run(
      Supplier<CounterStore> open, DirSyncFault dirSync, FileChannel commands, FileChannel replies)
      throws IOException {
    CounterStore store = open.get();
    try {
      BufferedReader stdin =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String op = "update";
      String id = "victim";
      Tick tick = new Tick(1);
      for (String warmUp : new String[] {"create", "update", "cas", "event", "delete"}) {
        run(store, warmUp, "victim", tick);
      }
      store.close();
      store = open.get();
      store.create("victim");
      control(commands, replies, "disable name=" + OPEN);
      System.out.println("ready");
      int serial = 0;
      for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
        String[] words = line.split(" ");
        switch (words[0]) {
          case "prepare" -> {
            op = words[1];
            id =
                switch (op) {
                  case "create" -> "new-" + ++serial;
                  case "delete" -> store.create("doomed-" + ++serial).id();
                  case "event-found" -> store.create("logged-" + ++serial).id();
                  case "crashdir" -> Files.createTempDirectory("burrow-fault-crash-").toString();
                  default -> "victim";
                };
            if (op.equals("list")) {
              store.shared().createUnique("inbox", new Tick(0));
            }
            if (op.equals("crashdir")) {
              crashTester = CrashTester.forStore(CounterStore::open).inDirectory(Path.of(id));
            }
            if (op.equals("crashfail") || op.startsWith("crashstate")) {
              crashTester = CrashTester.forStore(CounterStore::open);
            }
            if (op.equals("lease")) {
              lease = Objects.requireNonNull(leases).acquire(1);
              loweredMark = System.currentTimeMillis();
              lease.recordHighWater(loweredMark + 100_000);
            }
            if (op.equals("pgbinaries")) {
              try { // loads the server's classes (an open each), which no fault may meet
                LocalPostgres.start(Path.of("no-postgresql-binaries"));
              } catch (LocalPostgres.Unavailable expected) {
                // as there are none
              }
            }
            if (op.equals("event-found")) {
              store.events(id, Tick.class).withDurability(Durability.NONE).append(new Tick(0));
            }
            if (op.startsWith("event")) {
              tick = new Tick(store.events(id, Tick.class).read(0).values().size() + 1);
            }
            System.out.println("subject " + id);
          }
          case "fault" -> {
            String[] points = words[1].split("\\+");
            for (int i = 0; i < points.length; i++) {
              if (points[i].equals("dirsync")) {
                dirSync.arm(words[2]);
                points[i] = FSYNC;
              } else if (points[i].equals("logclose")) {
                dirSync.armLogClose(words[2]);
                points[i] = CLOSE;
              } else if (points[i].equals("stampclose")) {
                dirSync.armStampClose(words[2]);
                points[i] = CLOSE;
              } else if (points[i].equals("closeafterop") || points[i].equals("readdirafterop")) {
                closeAfterOperation = words[2];
                afterOperationPoint = points[i].equals("closeafterop") ? CLOSE : READDIR;
                points[i] = afterOperationPoint;
              } else if (points[i].equals("tmpread") || points[i].equals("instancesread")) {
                dirSync.armRead(
                    words[2],
                    points[i].equals("tmpread") ? Path.of(".burrow", "tmp") : Path.of("instances"));
                points[i] = READDIR;
              } else if (points[i].equals("closeafterrename")) {
                dirSync.armCloseAfterRename(words[2]);
                points[i] = CLOSE;
              } else if (points[i].endsWith("*")) {
                points[i] = points[i].substring(0, points[i].length() - 1);
                control(commands, replies, enableEveryTime(points[i], words[2]));
              } else {
                if (points[i].equals(OPEN)) {
                  dirSync.openAgain.arm(words[2]);
                }
                control(commands, replies, enable(points[i], words[2]));
              }
            }
            String outcome = attempt(store, op, id, tick, commands, replies);
            dirSync.openAgain.disarm();
            for (String point : points) {
              control(commands, replies, "disable name=" + point);
            }
            store.close();
            store = open.get();
            System.out.println(outcome);
          }
          case "retry" -> {
            String outcome = attempt(store, op, id, tick, commands, replies);
            store.close();
            store = open.get();
            System.out.println(outcome);
          }
          default -> throw new IllegalArgumentException(line);
        }
        System.out.flush();
      }
    } finally {
      store.close();
    }
  }

  private static String attempt(
      CounterStore store,
      String op,
      String id,
      Tick tick,
      FileChannel commands,
      FileChannel replies) {
    try {
      if (op.equals("crashfail")) {
        Objects.requireNonNull(crashTester)
            .run(
                counters -> {
                  counters.close();
                  String errno = closeAfterOperation;
                  if (errno != null) {
                    closeAfterOperation = null;
                    control(commands, replies, enable(afterOperationPoint, errno));
                  }
                  throw new IllegalStateException("the operation fails");
                },
                (counters, cut) -> {});
        return "ok";
      }
      if (op.startsWith("crashstate")) {
        Objects.requireNonNull(crashTester)
            .run(
                counters -> counters.create("crashed"),
                (counters, cut) -> {
                  counters.close();
                  String errno = closeAfterOperation;
                  if (errno != null) {
                    closeAfterOperation = null;
                    control(commands, replies, enable(afterOperationPoint, errno));
                  }
                  if (op.equals("crashstate")) {
                    throw new IllegalStateException("the invariant fails");
                  }
                });
        return "ok";
      }
      if (op.equals("lease")) {
        List<String> warnings = new ArrayList<>();
        Handler capture =
            new Handler() {
              @Override
              public void publish(LogRecord record) {
                warnings.add(record.getMessage());
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            };
        Logger burrow = Logger.getLogger("dev.burrow");
        burrow.addHandler(capture);
        try {
          Objects.requireNonNull(lease).closeAfterLastId(loweredMark);
        } finally {
          burrow.removeHandler(capture);
        }
        try (WorkerLease next = Objects.requireNonNull(leases).acquire(1)) {
          return "ok " + (next.highWaterMillis() - loweredMark) + " " + warnings;
        }
      }
      if (op.equals("pgbinaries")) {
        try (LocalPostgres server = LocalPostgres.start(null)) {
          return "ok";
        }
      }
      run(store, op, id, tick);
      return "ok";
    } catch (Exception | AssertionError e) { // also an undeclared checked one; a crash state failed
      return "threw " + e.getClass().getName() + " " + e.getMessage().replace('\n', ' ');
    }
  }

  private static void run(CounterStore store, String op, String id, Tick tick) {
    switch (op) {
      case "event", "event-found" -> store.events(id, Tick.class).append(tick);
      case "create" -> store.create(id);
      case "update" -> store.update(id, Counter::increment);
      case "cas" -> {
        Counter current = store.get(id);
        store.compareAndSet(current.incremented());
      }
      case "delete" -> store.delete(id);
      case "list" -> store.shared().listUnique("inbox");
      case "instances" -> store.list();
      case "open" -> Objects.requireNonNull(opener).get().close();
      case "crashdir" ->
          Objects.requireNonNull(crashTester)
              .run(counters -> counters.create("crashed"), (counters, cut) -> {});
      default -> throw new IllegalArgumentException(op);
    }
  }

  private static String enable(String point, String errno) {
    return "enable name=" + point + ",failnum=1,failinfo=" + errno + ",onetime";
  }

  private static String enableEveryTime(String point, String errno) {
    return "enable name=" + point + ",failnum=1,failinfo=" + errno;
  }

  private static void control(FileChannel commands, FileChannel replies, String command)
      throws IOException {
    ByteBuffer[] line = {ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII))};
    while (line[0].hasRemaining()) {
      commands.write(line);
    }
    ByteBuffer reply = ByteBuffer.allocate(1);
    StringBuilder text = new StringBuilder();
    while (replies.read(reply.clear()) == 1 && reply.get(0) != '\n') {
      text.append((char) reply.get(0));
    }
    if (command.startsWith("enable") && !text.toString().equals("0")) {
      throw new IllegalStateException("libfiu refused '" + command + "': " + text);
    }
  }
}
