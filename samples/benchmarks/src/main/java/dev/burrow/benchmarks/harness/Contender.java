package dev.burrow.benchmarks.harness;

/** The systems measured side by side. */
enum Contender {
  BURROW("Burrow"),
  BARE("bare protocol"),
  SQLITE("SQLite"),
  POSTGRES("PostgreSQL"),
  SEED_PYTHON("seeds' Python store"),
  JSONDB("JsonDB");

  final String label;

  Contender(String label) {
    this.label = label;
  }
}
