package dev.burrow.runtime.internal.id;

import dev.burrow.IdGenerator;
import dev.burrow.IdKind;
import dev.burrow.SnowflakeLayout;
import dev.burrow.WorkerIdUnavailableException;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Child-JVM side of {@link FileWorkerLeaseTest}; prints one line per step. */
public final class LeaseChild {
  private LeaseChild() {}

  /**
   * {@code generate <root> <count> <file>}: writes {@code count} IDs from the data root's shared
   * generator to {@code file} as big-endian longs, then prints {@code worker <n>}. {@code hold
   * <root> <workerBits>}: leases a worker, makes 1000 IDs, prints {@code ready <n> <last
   * timestamp>} and holds the lease until it reads a line (or standard input ends). {@code
   * try-acquire <root> <workerCount>}: prints {@code acquired <n>} or {@code unavailable}.
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[1]);
    switch (args[0]) {
      case "generate" -> generate(root, Integer.parseInt(args[2]), Path.of(args[3]));
      case "hold" -> hold(root, Integer.parseInt(args[2]));
      case "try-acquire" -> tryAcquire(root, Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void generate(Path root, int count, Path file) throws IOException {
    IdGenerator generator = IdGenerators.forKind(IdKind.SNOWFLAKE, root);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      for (int i = 0; i < count; i++) {
        out.writeLong(Long.parseLong(generator.nextId()));
      }
    }
    System.out.println("worker " + IdGenerators.snowflake(root).workerId());
  }

  private static void hold(Path root, int workerBits) throws IOException {
    SnowflakeLayout layout =
        SnowflakeLayout.of(51 - workerBits, workerBits, 12, SnowflakeLayout.DEFAULT_EPOCH);
    SnowflakeGenerator generator =
        SnowflakeGenerator.builder(WorkerIds.fileLeases(root)).layout(layout).build();
    long last = 0;
    for (int i = 0; i < 1000; i++) {
      last = generator.next();
    }
    long lastTimestamp = layout.parse(last).timestampMillis();
    System.out.println("ready " + generator.workerId() + " " + lastTimestamp);
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }

  private static void tryAcquire(Path root, int workerCount) {
    try {
      WorkerLease lease = WorkerIds.fileLeases(root).acquire(workerCount);
      System.out.println("acquired " + lease.workerId());
    } catch (WorkerIdUnavailableException e) {
      System.out.println("unavailable");
    }
  }
}
