package dev.burrow.processor.model;

/**
 * What the compilation offers the generated code, and how generated files name their generator.
 *
 * @param generator the processor's class name, for {@code @Generated}
 * @param postgres whether {@link #POSTGRES_BACKEND} is on the class path and, for a class in a
 *     named module, read by that module: then {@code XStore} gets openers that take a {@code
 *     DataSource}; without it, generated code never mentions JDBC or PostgreSQL
 */
public record Target(String generator, boolean postgres) {

  /** The runtime class every generated store delegates to; nothing is generated without it. */
  public static final ClassRef STORE_ENGINE = ClassRef.of("dev.burrow.runtime", "StoreEngine");

  /** The PostgreSQL backend of the {@code burrow-postgres} artifact. */
  public static final ClassRef POSTGRES_BACKEND =
      ClassRef.of("dev.burrow.postgres", "PostgresBackend");
}
