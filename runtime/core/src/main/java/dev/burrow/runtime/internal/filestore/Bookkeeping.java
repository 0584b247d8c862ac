package dev.burrow.runtime.internal.filestore;

import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.id.WorkerIds;
import dev.burrow.runtime.internal.index.IndexJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks Burrow's own files under {@code .burrow/} without changing them: each of its directories
 * (the temporary area and the indexes included) is a real directory, the lock file is a regular
 * file, nothing in the temporary area is {@link TempFiles#planted planted}, the workers' directory
 * holds only their leases and high-water marks, and those are files their claim reads (see {@link
 * WorkerIds#checkLeaseFile}), and the index journal's logs are files its replay reads (see {@link
 * IndexJournal#checkLog}). Anything else there (a link, a FIFO, a directory in place of a file, a
 * mark too large to read) is something Burrow refuses to use, so stores would fail on it or skip it
 * later; this names it now.
 */
public final class Bookkeeping {
  /** A file of Burrow's that is not what it must be, and why. */
  public record Finding(Path location, String reason) {}

  private Bookkeeping() {}

  /**
   * What is wrong under {@code layout}'s {@code .burrow/}; empty if nothing is.
   *
   * @param entries lists one of Burrow's directories (empty if it is missing)
   * @throws StorageException if a directory cannot be read
   */
  static List<Finding> check(FileLayout layout, Function<Path, List<Path>> entries) {
    List<Finding> findings = new ArrayList<>();
    Path workers = workers(layout);
    Path journal = IndexJournal.directoryOf(layout.root());
    for (Path directory :
        List.of(
            layout.bookkeeping(),
            layout.staging(),
            layout.trash().directory(),
            layout.quarantine(),
            layout.temps().area(),
            layout.indexes(),
            journal,
            Parents.of(layout.lockFile()),
            workers)) {
      directory(layout, directory, findings);
    }
    check(layout.lockFile(), findings, Bookkeeping::regularFile);
    if (findings.isEmpty()) {
      for (Path file : entries.apply(workers)) {
        if (WorkerIds.isLeaseFileName(file)) {
          check(file, findings, WorkerIds::checkLeaseFile);
        }
      }
      findings.addAll(workerStrays(layout, entries));
      for (Path entry : entries.apply(layout.temps().area())) {
        planted(entry, findings);
      }
      for (Path entry : entries.apply(journal)) {
        if (IndexJournal.isLog(entry)) {
          check(entry, findings, IndexJournal::checkLog);
        }
      }
    }
    return findings;
  }

  /**
   * The entries of {@code .burrow/workers/} that are named as no worker's lease or mark ({@link
   * WorkerIds#isLeaseFileName}), whatever they are, each with why: nothing of Burrow's makes them,
   * and no store reads them. Looked at by name only, never opened or followed.
   *
   * @param entries lists one of Burrow's directories (empty if it is missing)
   */
  static List<Finding> workerStrays(FileLayout layout, Function<Path, List<Path>> entries) {
    return entries.apply(workers(layout)).stream()
        .filter(file -> !WorkerIds.isLeaseFileName(file))
        .map(
            file ->
                new Finding(
                    file,
                    "it is no file of Burrow's: .burrow/workers holds only the workers' leases and"
                        + " high-water marks (worker-NNNN.lease, worker-NNNN.mark), and no store"
                        + " reads it; fsck --repair moves it into .burrow/quarantine/"))
        .toList();
  }

  private static Path workers(FileLayout layout) {
    return layout.bookkeeping().resolve("workers");
  }

  /**
   * Names {@code entry} of the temporary area if it is {@link TempFiles#planted planted} (a lease
   * that is no regular file, or no directory in a session directory's place).
   */
  private static void planted(Path entry, List<Finding> findings) {
    try {
      TempFiles.PlantedEntry planted = TempFiles.planted(entry);
      if (planted != null) {
        findings.add(new Finding(planted.path(), planted.reason()));
      }
    } catch (IOException e) {
      throw new StorageException("cannot check " + entry + ": " + Failures.describe(e), e);
    }
  }

  private static void directory(FileLayout layout, Path directory, List<Finding> findings) {
    try {
      if (SafeFiles.lstat(directory) != null) {
        SafeFiles.checkDirectory(layout.root(), directory);
      }
    } catch (SafeFiles.RefusedFileException e) {
      if (e.path().equals(directory)) {
        findings.add(new Finding(e.path(), e.reason()));
      }
    } catch (IOException e) {
      throw new StorageException("cannot check " + directory + ": " + Failures.describe(e), e);
    }
  }

  /** A look at a file that refuses it with a {@link SafeFiles.RefusedFileException}. */
  private interface FileCheck {
    void check(Path file) throws IOException;
  }

  private static void regularFile(Path file) throws IOException {
    SafeFiles.requireRegularFile(file, true);
  }

  private static void check(Path file, List<Finding> findings, FileCheck check) {
    try {
      check.check(file);
    } catch (SafeFiles.RefusedFileException e) {
      findings.add(new Finding(e.path(), e.reason()));
    } catch (IOException e) {
      throw new StorageException("cannot check " + file + ": " + Failures.describe(e), e);
    }
  }
}
