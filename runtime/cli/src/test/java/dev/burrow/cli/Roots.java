package dev.burrow.cli;

import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The data roots the command's tests run on, written by an application's generated store. */
final class Roots {
  /** A note an application appends to a job's event log. */
  record Note(String what, int step) {}

  private Roots() {}

  /** The application's store on {@code root}. */
  static JobStore open(Path root) {
    return JobStore.open(StoreOptions.defaults().withDataRoot(root));
  }

  /** Three jobs at {@code root}, newest last: job-1, job-2, job-3; job-2 has a file and events. */
  static void threeJobs(Path root) throws Exception {
    try (JobStore jobs = open(root)) {
      jobs.create("job-1", c -> c.owner("ana"));
      jobs.create("job-2", c -> c.owner("bo").status("DONE").attempts(2));
      jobs.create("job-3", c -> c.owner("ana").status("DONE"));
      Files.writeString(jobs.dirs("job-2").workspace().resolve("build.log"), "ok\n");
      jobs.events("job-2", Note.class).append(new Note("started", 1));
      jobs.events("job-2", Note.class).append(new Note("finished", 2));
    }
  }

  /** Where the store at {@code root} keeps instance {@code id}. */
  static Path directoryOf(Path root, String id) {
    try (JobStore jobs = open(root)) {
      return jobs.dirs(id).root();
    }
  }

  /**
   * {@code burrow migrate} of {@code root} into {@code server}'s tables named with {@code prefix},
   * instance directories to {@code localRoot}, then {@code more} arguments.
   */
  static String[] migrate(
      Path root, LocalPostgres server, String prefix, Path localRoot, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "migrate",
                "--root",
                root.toString(),
                "--to",
                server.jdbcUrl(),
                "--table-prefix",
                prefix,
                "--local-root",
                localRoot.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Makes a FIFO (named pipe) at {@code path}. */
  /** Where the index entry of {@code id} is in the value directory {@code values}: its shards. */
  static Path entry(Path values, String id) {
    return values.resolve(Shards.relativePath(id));
  }

  /** Makes the entry of {@code id} in {@code values}, with its shards: a planted entry. */
  static Path plantEntry(Path values, String id) throws IOException {
    Path entry = entry(values, id);
    Files.createDirectories(entry.getParent());
    return Files.createFile(entry);
  }

  static void mkfifo(Path path) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (mkfifo.waitFor() != 0) {
      throw new IOException("mkfifo " + path + " failed");
    }
  }
}
