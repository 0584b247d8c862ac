package dev.burrow.benchmarks.harness;

/** What a figure measures; every figure is in operations (or instances) per second. */
enum Workload {
  CREATE("create"),
  UPDATE("update (read-modify-write)"),
  GET("random get"),
  LIST("list all (instances/s)"),
  DELETE("delete"),
  /** Create, update and list every instance, timed together: instances per second. */
  CYCLE("create + update + list (instances/s)"),
  /** Updates of one instance by every contention thread at once. */
  CONTENDED_UPDATE("update, all threads on one instance"),
  /** PostgreSQL: host JVMs updating, each thread its own instance; n is the number of hosts. */
  HOSTS_DISTINCT("update, each thread its own instance"),
  /** PostgreSQL: host JVMs updating one shared instance; n is the number of hosts. */
  HOSTS_SHARED("update, every thread of every host on one instance");

  final String label;

  Workload(String label) {
    this.label = label;
  }
}
