package dev.burrow.processor.write;

import static dev.burrow.processor.write.GeneratedTypes.STORE_OPTIONS;
import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import dev.burrow.IdKind;
import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates the ways to a store: the static {@code open} methods of {@code XStore} (on this host's
 * disk, on a backend and, where {@code burrow-postgres} is on the class path, on PostgreSQL), and
 * the methods that make a store from another ({@code withProvisioner}, {@code inTransaction}).
 */
final class StoreOpeners {
  private static final String THROWS_STORAGE =
      "@throws dev.burrow.StorageException if the data root cannot be created or written";
  private static final String OTHER_ROOT = "the data root holds instances of another kind";
  private static final String THROWS_NEWER_ROOT =
      "\n@throws dev.burrow.NewerFormatException if the data root is in the layout of a newer"
          + " Burrow; nothing is changed";

  /**
   * What building the kind's Snowflake generator throws: on the filesystem the disk openers build
   * it (the PostgreSQL backend builds it on the first {@code create}).
   */
  private static final String THROWS_SNOWFLAKE_START =
      "\n@throws dev.burrow.WorkerIdUnavailableException if no Snowflake worker number can be"
          + " leased now (a live holder has every one)"
          + "\n@throws dev.burrow.ClockMovedBackwardsException if the clock is further behind the"
          + " leased worker number's last IDs than the start-up wait allows"
          + "\n@throws dev.burrow.MisuseException if the clock is before 2024 or past 2093, outside"
          + " the range of Snowflake IDs";

  private final InstanceModel model;
  private final Target target;
  private final ClassName store;
  private final ClassName type;
  private final String dataRoot;

  StoreOpeners(InstanceModel model, Target target) {
    this.model = model;
    this.target = target;
    this.store = TypeNames.of(model.storeName());
    this.type = TypeNames.of(model.type());
    this.dataRoot =
        (model.dataRootEnv() == null
                ? ""
                : "the environment variable {@code " + model.dataRootEnv() + "}, else ")
            + JavadocText.code(model.defaultDataRoot());
  }

  /** The openers, then the stores made from this one. */
  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>(openers());
    if (target.postgres()) {
      methods.addAll(postgresOpeners());
    }
    methods.add(withProvisioner());
    if (target.postgres()) {
      methods.add(inTransaction());
    }
    return methods;
  }

  private List<MethodSpec> openers() {
    return List.of(
        opener(
                "Opens the store on this host's disk at "
                    + dataRoot
                    + ", with default options"
                    + " (durable writes).\n\n"
                    + THROWS_STORAGE
                    + throwsMisuse(OTHER_ROOT)
                    + THROWS_NEWER_ROOT
                    + snowflakeStart())
            .addStatement("return open($T.defaults())", STORE_OPTIONS)
            .build(),
        opener(
                "Opens the store on this host's disk at {@code dataRoot}, with default options"
                    + " (durable writes).\n\n"
                    + THROWS_STORAGE
                    + throwsMisuse(OTHER_ROOT)
                    + THROWS_NEWER_ROOT
                    + snowflakeStart())
            .addParameter(Path.class, "dataRoot")
            .addStatement("return open($T.defaults().withDataRoot(dataRoot))", STORE_OPTIONS)
            .build(),
        opener(
                "Opens the store on this host's disk with {@code options}: at their data root,"
                    + " else at "
                    + dataRoot
                    + ".\n\n"
                    + THROWS_STORAGE
                    + throwsMisuse(OTHER_ROOT)
                    + THROWS_NEWER_ROOT
                    + snowflakeStart())
            .addParameter(STORE_OPTIONS, "options")
            .addCode(readableCheck())
            .addStatement(
                "return new $T($T.open($T.INSTANCE, options))",
                store,
                GeneratedTypes.STORE_ENGINE,
                TypeNames.of(model.schemaName()))
            .build(),
        opener(
                "Opens the store on {@code backend}, which keeps the documents and locks (shared"
                    + " by several hosts where the backend is), with {@code options}. Instance"
                    + " directories, event logs and shared files stay on this host's disk, at the"
                    + " options' data root, else at "
                    + dataRoot
                    + ".\n\n"
                    + "@throws dev.burrow.StorageException if the backend cannot be opened"
                    + throwsMisuse(
                        "{@code backend} does not implement the SPI every backend implements"
                            + " ({@code dev.burrow.spi.StorageBackendFactory})",
                        "the backend refuses the store (data of another kind, or a connection"
                            + " setting it cannot work with)")
                    + "\n@throws dev.burrow.NewerFormatException if the backend's data is in the"
                    + " format of a newer Burrow; nothing is changed")
            .addParameter(GeneratedTypes.BACKEND, "backend")
            .addParameter(STORE_OPTIONS, "options")
            .addCode(readableCheck())
            .addStatement(
                "return new $T($T.open($T.INSTANCE, backend, options))",
                store,
                GeneratedTypes.STORE_ENGINE,
                TypeNames.of(model.schemaName()))
            .build());
  }

  /**
   * The disk openers' {@code @throws} for starting the kind's Snowflake generator; empty for other
   * ID kinds.
   */
  private String snowflakeStart() {
    return model.idKind() == IdKind.SNOWFLAKE ? THROWS_SNOWFLAKE_START : "";
  }

  /**
   * Where components hand classes to Jackson databind, the openers first check that Jackson can
   * read them back (a named module must open their packages to databind; Kotlin classes need
   * Jackson 3's Kotlin module), so that no write is accepted that cannot be read.
   */
  private CodeBlock readableCheck() {
    List<ClassRef> classes = model.databindClasses();
    if (classes.isEmpty()) {
      return CodeBlock.of("");
    }
    return CodeBlock.builder()
        .addStatement(
            "$T.requireReadable($L)",
            GeneratedTypes.BURROW_JSON,
            classes.stream()
                .map(c -> CodeBlock.of("$T.class", TypeNames.of(c)))
                .collect(CodeBlock.joining(", ")))
        .build();
  }

  /**
   * The opener's {@code @throws MisuseException} for {@code reasons}, and for a nested type Jackson
   * cannot read back where the store holds any; empty if there is neither.
   */
  private String throwsMisuse(String... reasons) {
    List<String> all = new ArrayList<>(List.of(reasons));
    if (!model.databindClasses().isEmpty()) {
      all.add(
          "Jackson databind cannot read back a nested type this store holds (its module neither"
              + " opens nor exports its package to tools.jackson.databind"
              + (model.kotlinClasses().isEmpty()
                  ? ")"
                  : ", or Jackson 3's Kotlin module, which reads back the Kotlin classes this"
                      + " store holds, is not on the class path)"));
    }
    return all.isEmpty()
        ? ""
        : "\n@throws dev.burrow.MisuseException if "
            + String.join(", or ", all)
            + "; nothing is changed";
  }

  private List<MethodSpec> postgresOpeners() {
    String shared =
        "Opens the store on PostgreSQL through {@code dataSource}, shared by every"
            + " host that uses the database and table prefix; Burrow creates and upgrades its"
            + " tables. Instance directories stay on this host's disk, at ";
    String throwsDatabase =
        "\n\n@throws dev.burrow.BackendUnavailableException if the database cannot be reached"
            + "\n@throws dev.burrow.StorageException if Burrow's tables cannot be created or read"
            + throwsMisuse(
                "the data source hands out connections with auto-commit off",
                "the database's encoding is not UTF-8",
                "the local data root serves other tables or another kind, or is a filesystem"
                    + " store's")
            + "\n@throws dev.burrow.NewerFormatException if Burrow's tables are at the schema version"
            + " of a newer Burrow; nothing is changed";
    return List.of(
        opener(
                shared
                    + dataRoot
                    + ", with default options. The same as {@code"
                    + " open(PostgresBackend.of(dataSource), StoreOptions.defaults())}."
                    + throwsDatabase)
            .addParameter(GeneratedTypes.DATA_SOURCE, "dataSource")
            .addStatement("return open(dataSource, $T.defaults())", STORE_OPTIONS)
            .build(),
        opener(
                shared
                    + "the options' data root, else at "
                    + dataRoot
                    + ". The same as {@code"
                    + " open(PostgresBackend.of(dataSource), options)}."
                    + throwsDatabase)
            .addParameter(GeneratedTypes.DATA_SOURCE, "dataSource")
            .addParameter(STORE_OPTIONS, "options")
            .addStatement(
                "return open($T.of(dataSource), options)", GeneratedTypes.POSTGRES_BACKEND)
            .build(),
        opener(
                shared
                    + "the options' data root, else at "
                    + dataRoot
                    + "; {@code postgres}"
                    + " chooses the table prefix and lease duration. The same as {@code"
                    + " open(PostgresBackend.of(dataSource, postgres), options)}."
                    + throwsDatabase)
            .addParameter(GeneratedTypes.DATA_SOURCE, "dataSource")
            .addParameter(STORE_OPTIONS, "options")
            .addParameter(GeneratedTypes.POSTGRES_OPTIONS, "postgres")
            .addStatement(
                "return open($T.of(dataSource, postgres), options)",
                GeneratedTypes.POSTGRES_BACKEND)
            .build());
  }

  private MethodSpec inTransaction() {
    return method(
            "inTransaction",
            store,
            "This store (opened on PostgreSQL) with its reads and writes run in your open"
                + " transaction on {@code connection}: they take effect when you commit it, and your"
                + " rollback undoes them. Burrow never commits, rolls back or switches auto-commit"
                + " on {@code connection}; an {@code update} runs inside a savepoint it releases."
                + " Locks stay leases that every host sees at once. Use the result on the"
                + " connection's thread only, until the transaction ends; closing it closes"
                + " nothing. Cheap: opens nothing; one query on {@code connection} checks that it"
                + " reaches this store's database and schema. See {@code docs/postgresql.md} for"
                + " what each mode guarantees.\n\n"
                + "@throws dev.burrow.MisuseException if this store was not opened on PostgreSQL,"
                + " or {@code connection} works in another database or schema than this store's"
                + " tables; every call on the result throws it if {@code connection} is in"
                + " auto-commit mode, or once this store is closed\n"
                + "@throws dev.burrow.BurrowException if that query fails, as each statement"
                + " Burrow runs in your transaction says (see {@code docs/postgresql.md})")
        .addParameter(GeneratedTypes.CONNECTION, "connection")
        .addStatement(
            "return new $T($T.inTransaction(engine, connection))",
            store,
            GeneratedTypes.POSTGRES_BACKEND)
        .build();
  }

  private MethodSpec withProvisioner() {
    return method(
            "withProvisioner",
            store,
            "This store with {@code provisioner} preparing the"
                + " workspace of every instance it creates and tearing it down before each delete;"
                + " see {@link $T} for the guarantees. Both stores share what is open underneath"
                + " (closing one closes both); this one is unchanged. Cheap: opens nothing.",
            GeneratedTypes.WORKSPACE_PROVISIONER)
        .addParameter(
            ParameterizedTypeName.get(GeneratedTypes.WORKSPACE_PROVISIONER, type), "provisioner")
        .addStatement("return new $T(engine.withProvisioner(provisioner))", store)
        .build();
  }

  private MethodSpec.Builder opener(String doc) {
    return MethodSpec.methodBuilder("open")
        .addJavadoc(JavadocText.wrap(doc))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(store);
  }
}
