package dev.burrow.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several host JVMs updating through one database at once: each child ({@link PostgresHost}) opens
 * its own store and pool, waits at a start line, and makes its updates; the figure is every host's
 * updates over the time from the start line to the last host's end.
 */
final class PostgresHosts {
  private final PostgresPeer postgres;
  private final Path workDir;

  PostgresHosts(PostgresPeer postgres, Path workDir) {
    this.postgres = postgres;
    this.workDir = workDir;
  }

  /**
   * Updates per second of {@code hosts} JVMs with {@code threads} threads each, every thread making
   * {@code updates} updates: of its own instance, or all of one shared instance.
   */
  double updatesPerSecond(int hosts, int threads, int updates, boolean shared) {
    Path directory = Scratch.directory(workDir, "postgres-hosts");
    List<String> ids = new ArrayList<>();
    List<Process> children = new ArrayList<>();
    try (Subject setup = postgres.subjects().open(directory, dev.burrow.Durability.FSYNC)) {
      for (int host = 0; host < hosts; host++) {
        List<String> command =
            Processes.java(
                PostgresHost.class,
                postgres.jdbcUrl(),
                directory.resolve("host-" + host).toString(),
                Integer.toString(updates));
        for (int thread = 0; thread < threads; thread++) {
          String id = shared ? "shared" : "h" + host + "-t" + thread;
          if (!ids.contains(id)) {
            setup.create(id);
            ids.add(id);
          }
          command.add(id);
        }
        children.add(new ProcessBuilder(command).redirectErrorStream(true).start());
      }
      List<BufferedReader> outputs = new ArrayList<>();
      for (Process child : children) {
        BufferedReader output =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        awaitLine(output, "ready");
        outputs.add(output);
      }
      long start = System.nanoTime();
      for (Process child : children) {
        OutputStream in = child.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      for (BufferedReader output : outputs) {
        awaitLine(output, "done");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (Process child : children) {
        if (child.waitFor() != 0) {
          throw new IllegalStateException("a host JVM failed with exit " + child.exitValue());
        }
      }
      ids.forEach(setup::delete);
      return (double) hosts * threads * updates / seconds;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the host JVMs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the host JVMs ran", e);
    } finally {
      children.forEach(Process::destroyForcibly);
      Scratch.delete(directory);
    }
  }

  private static void awaitLine(BufferedReader output, String expected) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.equals(expected)) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new IllegalStateException("a host JVM ended before '" + expected + "':\n" + seen);
  }
}
