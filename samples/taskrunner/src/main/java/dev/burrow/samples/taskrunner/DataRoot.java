package dev.burrow.samples.taskrunner;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.burrow.CorruptInstanceException;
import dev.burrow.EventLog;
import dev.burrow.StoreOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Everything the runner keeps under its data root, open:
 *
 * <pre>
 * &lt;root&gt;/instances/&lt;shard&gt;/&lt;shard&gt;/&lt;id&gt;/  the tasks ({@link TaskRunStore}), each with its git worktree
 * &lt;root&gt;/runs/                           the runs ({@link RunStore}), a data root of their own
 * &lt;root&gt;/repo/                           the repository the worktrees belong to
 * </pre>
 */
final class DataRoot implements AutoCloseable {
  private static final String WHAT_TO_GIVE =
      "give --data-dir a new or empty directory, or the one the runner used before";

  private final Path root;
  private final TaskRunStore tasks;
  private final RunStore runs;
  private final Repository repository;
  private final AtomicLong damagedNamed = new AtomicLong();

  private DataRoot(Path root, PrintStream err) {
    this.root = root;
    Consumer<CorruptInstanceException> damaged =
        problem -> {
          damagedNamed.incrementAndGet();
          err.println("taskrunner: damaged: " + problem.getMessage());
        };
    TaskRunStore plain =
        TaskRunStore.open(
            StoreOptions.defaults().withDataRoot(root).withCorruptionListener(damaged));
    this.repository = new Repository(root.resolve("repo"), plain.shared());
    this.tasks = plain.withProvisioner(new GitWorktrees(repository));
    this.runs =
        RunStore.open(
            StoreOptions.defaults()
                .withDataRoot(root.resolve("runs"))
                .withCorruptionListener(damaged));
  }

  /**
   * The root the way {@code TaskRunStore.open()} finds it: the flag, else {@code
   * $TASKRUNNER_DATA_DIR} (where a leading {@code ~} is the home directory), else {@code
   * ~/.taskrunner}. The runner hands it to its worker processes and keeps its other stores beside
   * the tasks.
   */
  static Path resolve(@Nullable Path flag, Map<String, String> environment) {
    if (flag != null) {
      return flag.toAbsolutePath().normalize();
    }
    String home = System.getProperty("user.home");
    String variable = environment.get("TASKRUNNER_DATA_DIR");
    if (variable != null && !variable.isBlank()) {
      String path =
          variable.equals("~") || variable.startsWith("~/")
              ? home + variable.substring(1)
              : variable;
      return Path.of(path).toAbsolutePath().normalize();
    }
    return Path.of(home, ".taskrunner");
  }

  /**
   * Opens the runner's data under {@code root}, making it in a new or empty directory. A damaged
   * task or run that a listing, a prune or the verifier skips is named on {@code err}, once.
   *
   * @throws UsageException if {@code root} is no root the runner may use ({@link #refuseUnusable})
   * @throws UncheckedIOException if {@code root} cannot be read, with why
   */
  static DataRoot open(Path root, PrintStream err) {
    refuseUnusable(root);
    return new DataRoot(root, err);
  }

  /**
   * Whether {@code root} holds the runner's data: a data root a run made, with the {@code
   * instances/} and {@code .burrow/} its store makes, in that order, or the kind marker {@code
   * .burrow/store.json} it writes (also once {@code instances/} was removed by hand). {@code
   * .burrow/} alone is no such root: it is where Burrow applications keep their default data roots
   * ({@code ~/.burrow/<name>}), so a home directory may hold one.
   */
  static boolean holdsData(Path root) {
    Path bookkeeping = root.resolve(".burrow");
    return Files.isDirectory(bookkeeping, NOFOLLOW_LINKS)
        && (Files.isDirectory(root.resolve("instances"), NOFOLLOW_LINKS)
            || Files.isRegularFile(bookkeeping.resolve("store.json"), NOFOLLOW_LINKS));
  }

  /**
   * Refuses a {@code root} the runner must not use: one that is no directory, or a directory that
   * holds other files but no runner data (a mistyped {@code --data-dir}, the home directory say,
   * would otherwise get the runner's folders beside its own files). A missing or empty directory,
   * one holding the runner's data, or one holding only the empty {@code instances/} of a first run
   * killed while it made the root, passes.
   *
   * @throws UsageException saying which and what to give instead
   * @throws UncheckedIOException if {@code root} cannot be read, with why ({@code DIR: it cannot be
   *     read: permission denied})
   */
  static void refuseUnusable(Path root) {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new UsageException(root + " exists and is not a directory: " + WHAT_TO_GIVE);
    }
    if (!Files.isDirectory(root) || holdsData(root)) {
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      if (entries.anyMatch(entry -> !isLeftOfAFirstOpen(entry))) {
        throw new UsageException(
            root + " holds other files but no task runner data: " + WHAT_TO_GIVE);
      }
    } catch (IOException e) {
      throw unreadable(root, e);
    } catch (UncheckedIOException e) { // reading an entry failed; its constructor needs a cause
      throw unreadable(root, Objects.requireNonNull(e.getCause()));
    }
  }

  /**
   * Whether {@code entry} is the empty {@code instances/} that the store makes first when it opens
   * a new root, and all a runner killed before it made {@code .burrow/} leaves.
   */
  private static boolean isLeftOfAFirstOpen(Path entry) {
    if (!entry.getFileName().toString().equals("instances")
        || !Files.isDirectory(entry, NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(entry)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw unreadable(entry, e);
    }
  }

  /** {@code DIR: it cannot be read: permission denied}, say. */
  private static UncheckedIOException unreadable(Path root, IOException e) {
    return new UncheckedIOException(root + ": it cannot be read: " + why(e), e);
  }

  /**
   * Why a file or directory could not be read, in plain words ({@code permission denied}), without
   * its name: what a person can act on, not the exception's class.
   */
  private static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    return e instanceof FileSystemException named && named.getReason() != null
        ? named.getReason()
        : e.toString();
  }

  Path path() {
    return root;
  }

  /**
   * How many damaged tasks and runs, and stray entries among them, the stores have named on {@code
   * err} so far.
   */
  long damagedNamed() {
    return damagedNamed.get();
  }

  TaskRunStore tasks() {
    return tasks;
  }

  RunStore runs() {
    return runs;
  }

  Repository repository() {
    return repository;
  }

  EventLog<TaskEvent> events(String taskId) {
    return tasks.events(taskId, TaskEvent.class);
  }

  @Override
  public void close() {
    try {
      runs.close();
    } finally {
      tasks.close();
    }
  }
}
