package dev.burrow.benchmarks.harness;

/**
 * One system under test, opened on a fresh directory: the five operations of the workloads, each on
 * one instance named by {@code id}. Implementations are safe for many threads.
 */
interface Subject extends AutoCloseable {

  /** Stores a new instance, failing if it exists. */
  void create(String id);

  /** Reads the instance, changes its status and counter, and writes it back as the next version. */
  void update(String id);

  /** Reads the instance. */
  void get(String id);

  /** Reads every instance; returns how many were read. */
  int list();

  /** Removes the instance. */
  void delete(String id);

  @Override
  void close();
}
