package dev.burrow.processor.write;

import static dev.burrow.processor.write.GeneratedTypes.STORE_OPTIONS;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Names;
import dev.burrow.processor.model.Target;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code XStore}, the one store type a user needs: typed openers and every operation of
 * the runtime's {@code StoreEngine}, which stays private to it.
 */
final class StoreGenerator {
  private static final String THROWS_STORAGE =
      "@throws dev.burrow.StorageException if the data root cannot be created or written";
  private static final String THROWS_ID =
      "@throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched";
  private static final String OTHER_ROOT = "the data root holds instances of another kind";
  private static final String THROWS_NEWER_ROOT =
      "\n@throws dev.burrow.NewerFormatException if the data root is in the layout of a newer"
          + " Burrow; nothing is changed";
  private static final String NEGATIVE_TIMEOUT =
      "\n@throws IllegalArgumentException if {@code timeout} is negative; no lock is taken";
  private static final String THROWS_TAKEN =
      "@throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed";
  private static final String THROWS_NOT_FOUND =
      "@throws dev.burrow.InstanceNotFoundException if there is no such instance";
  private static final String THROWS_NULL =
      "@throws dev.burrow.MisuseException if {@code $L} sets a non-null component to null or puts"
          + " null into a list, set or map, or the result could not be read back or is more than"
          + " 16 MiB of JSON; nothing is written";
  private static final String THROWS_UNREADABLE =
      "@throws dev.burrow.MisuseException if the value could not be read back once written (a"
          + " nested type Jackson writes but cannot read) or is more than 16 MiB of JSON; nothing"
          + " is written";
  private static final String THROWS_CORRUPT =
      "@throws dev.burrow.CorruptInstanceException naming the file if it cannot be read";
  private static final String THROWS_LOCKED =
      "@throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past the"
          + " options' lock timeout; nothing is written";
  private static final String THROWS_UNKNOWN =
      "@throws dev.burrow.OutcomeUnknownException if the write was made but could not be"
          + " confirmed durable (a failed directory flush, a connection lost after the commit);"
          + " read the instance back before writing again";

  /** The class Javadoc's account of what any method may throw; each method lists its own. */
  private static final String EXCEPTIONS =
      "<p>Every exception it throws is a {@link dev.burrow.BurrowException}, whose branch says"
          + " what to do: after a {@link dev.burrow.RetriableException} nothing took effect and the"
          + " same call may succeed later; a {@link dev.burrow.DamagedDataException} names stored"
          + " data to repair or remove; after an {@link dev.burrow.OutcomeUnknownException} a write"
          + " may or may not have taken effect, so read the instance back before writing again; a"
          + " {@link dev.burrow.MisuseException} is a programmer error that changed nothing.\n\n"
          + "<p>Any method may throw {@link dev.burrow.StorageException} (the disk or database"
          + " failed; a failed write changed nothing), {@link dev.burrow.BackendUnavailableException}"
          + " (retriable: the database could not be reached; nothing was sent), {@link"
          + " dev.burrow.InterruptedOperationException} (the thread was interrupted while it"
          + " waited; nothing was changed) and {@link dev.burrow.MisuseException} (a call after"
          + " {@link #close()}). Every method that takes an instance ID throws {@link"
          + " dev.burrow.InvalidIdException} for one that breaks the ID rules, before anything is"
          + " touched. On a backend whose locks are leases (a database), a write made under a lock"
          + " from {@link #lock(String)} whose lease was lost meanwhile throws {@link"
          + " dev.burrow.LockLostException} and writes nothing. A store made by {@link"
          + " #withProvisioner} throws {@link"
          + " dev.burrow.ProvisioningException} from {@code create} and {@code delete} when a hook"
          + " fails, and {@link dev.burrow.UnsafePathException} from {@code delete}, calling no"
          + " hook and keeping the instance, when a declared subdirectory is a link or not a"
          + " directory. Each method lists the exceptions of its own.";

  private final InstanceModel model;
  private final Target target;
  private final ClassName store;
  private final ClassName type;
  private final ClassName changesClass;
  private final TypeName changes;
  private final TypeName engine;
  private final String dataRoot;

  StoreGenerator(InstanceModel model, Target target) {
    this.model = model;
    this.target = target;
    this.store = TypeNames.of(model.storeName());
    this.type = TypeNames.of(model.type());
    this.changesClass = TypeNames.of(model.changesName());
    this.changes = ParameterizedTypeName.get(ClassName.get(Consumer.class), changesClass);
    this.engine = ParameterizedTypeName.get(GeneratedTypes.STORE_ENGINE, type);
    this.dataRoot =
        (model.dataRootEnv() == null
                ? ""
                : "the environment variable {@code " + model.dataRootEnv() + "}, else ")
            + JavadocText.code(model.defaultDataRoot());
  }

  JavaFile generate() {
    List<MethodSpec> methods = new ArrayList<>(openers());
    if (target.postgres()) {
      methods.addAll(postgresOpeners());
    }
    methods.add(withProvisioner());
    if (target.postgres()) {
      methods.add(inTransaction());
    }
    methods.addAll(creates());
    methods.addAll(readsAndWrites());
    methods.addAll(locks());
    methods.addAll(listings());
    methods.addAll(finders());
    methods.addAll(retention());
    methods.addAll(files());
    methods.addAll(transfers());
    methods.add(applying());
    methods.add(
        method(
                "close",
                TypeName.VOID,
                "Closes the store and releases what it holds open; later"
                    + " calls throw {@link dev.burrow.MisuseException}. Stores made by {@link"
                    + " #withProvisioner} share it and are closed too. Idempotent.")
            .addAnnotation(Override.class)
            .addStatement("engine.close()")
            .build());
    String classDoc =
        "The typed store of {@link $T} instances (kind {@code $L}): atomic durable"
            + " writes, no silent overwrite, per-instance locks that hold across threads and"
            + " processes, and optimistic versions. Thread-safe; any number of stores in any number"
            + " of processes may share a data root. Open one per data root and keep it; close it"
            + " when done.\n\n"
            + EXCEPTIONS;
    TypeSpec spec =
        GeneratedTypes.generatedClass(model.storeName(), target)
            .addSuperinterface(AutoCloseable.class)
            .addJavadoc(JavadocText.wrap(classDoc, type, model.kindName()), type, model.kindName())
            .addField(engine, "engine", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(engine, "engine")
                    .addStatement("this.engine = engine")
                    .build())
            .addMethods(methods)
            .build();
    return JavaFile.builder(store.packageName(), spec).skipJavaLangImports(true).build();
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
                    + THROWS_NEWER_ROOT)
            .addStatement("return open($T.defaults())", STORE_OPTIONS)
            .build(),
        opener(
                "Opens the store on this host's disk at {@code dataRoot}, with default options"
                    + " (durable writes).\n\n"
                    + THROWS_STORAGE
                    + throwsMisuse(OTHER_ROOT)
                    + THROWS_NEWER_ROOT)
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
                    + THROWS_NEWER_ROOT)
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

  /** Javadoc clauses, one a line. */
  private static String lines(String... clauses) {
    return String.join("\n", clauses);
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
                "the database's encoding is not UTF-8")
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
                + " nothing. Cheap: opens nothing. See {@code docs/postgresql.md} for what each"
                + " mode guarantees.\n\n"
                + "@throws dev.burrow.MisuseException if this store was not opened on PostgreSQL;"
                + " every call on the result throws it if {@code connection} is in auto-commit"
                + " mode, or once this store is closed")
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

  private List<MethodSpec> creates() {
    String generated =
        "Creates an instance with a new unique, time-ordered ID (from the options'"
            + " ID generator, else the kind's, without coordination) ";
    String given = "Creates the instance {@code id} ";
    String givenThrows = lines(THROWS_ID, THROWS_TAKEN, THROWS_LOCKED);
    String fresh = "with fresh defaults, stored as version 1 in one atomic durable write.";
    String initial =
        "whose fresh defaults are first edited by {@code initial}; the result is"
            + " stored as version 1 in one atomic durable write, so no reader ever sees it without"
            + " its initial values. {@code initial} runs once, before anything is written; if it"
            + " throws, nothing is created.";
    return List.of(
        method("create", type, generated + fresh + "\n\n" + THROWS_UNKNOWN)
            .addStatement("return engine.create($T.identity())", UnaryOperator.class)
            .build(),
        method(
                "create",
                type,
                generated + initial + "\n\n" + lines(THROWS_NULL, THROWS_UNKNOWN),
                "initial")
            .addParameter(changes, "initial")
            .addStatement("return engine.create(applying(initial, \"initial\"))")
            .build(),
        method("create", type, given + fresh + "\n\n" + lines(givenThrows, THROWS_UNKNOWN))
            .addParameter(String.class, "id")
            .addStatement("return engine.create(id, $T.identity())", UnaryOperator.class)
            .build(),
        method(
                "create",
                type,
                given + initial + "\n\n" + lines(givenThrows, THROWS_NULL, THROWS_UNKNOWN),
                "initial")
            .addParameter(String.class, "id")
            .addParameter(changes, "initial")
            .addStatement("return engine.create(id, applying(initial, \"initial\"))")
            .build());
  }

  private List<MethodSpec> readsAndWrites() {
    String sideEffects =
        "{@code change} may run more than once; keep it free of side effects. What it throws"
            + " reaches the caller as it is, with nothing written and no lock left held. It must"
            + " not write the instance it changes, through this store or another on its root:"
            + " such a write throws {@link dev.burrow.MisuseException} and writes nothing.";
    return List.of(
        method(
                "get",
                type,
                "The stored instance. One read, no lock: sees the last complete"
                    + " write.\n\n"
                    + lines(THROWS_ID, THROWS_NOT_FOUND, THROWS_CORRUPT))
            .addParameter(String.class, "id")
            .addStatement("return engine.get(id)")
            .build(),
        method(
                "find",
                ParameterizedTypeName.get(ClassName.get(Optional.class), type),
                "The stored instance, or empty. One read, no lock: sees the last complete write."
                    + "\n\n"
                    + lines(THROWS_ID, THROWS_CORRUPT))
            .addParameter(String.class, "id")
            .addStatement("return engine.find(id)")
            .build(),
        method(
                "update",
                type,
                "Reads the instance, applies {@code change} to typed changes of"
                    + " it and stores the result as the next version, with no other write of the"
                    + " instance in between (its lock on the filesystem, a row lock in a database),"
                    + " so no concurrent update is lost. At most one read and one atomic write,"
                    + " after waiting for the lock; on a database, a store that created or wrote"
                    + " the instance last, with no write since, writes it in one statement"
                    + " without reading it first. "
                    + sideEffects
                    + "\n\n@return the stored value\n"
                    + lines(
                        THROWS_ID,
                        THROWS_NOT_FOUND,
                        THROWS_CORRUPT,
                        THROWS_LOCKED,
                        THROWS_NULL,
                        THROWS_UNKNOWN),
                "change")
            .addParameter(String.class, "id")
            .addParameter(changes, "change")
            .addStatement("return engine.update(id, applying(change, \"change\"))")
            .build(),
        method(
                "updateOptimistic",
                type,
                "Like {@link #update}, without a lock: reads the"
                    + " instance, applies {@code change} and stores the result only if no other"
                    + " write came in between (compare-and-set on the version); after a conflict it"
                    + " reads again and retries as the options' retry policy says. Cheaper than"
                    + " {@code update} when writers rarely meet; under contention every lost race"
                    + " costs a read and a try. "
                    + sideEffects
                    + "\n\n@return the stored value\n"
                    + lines(THROWS_ID, THROWS_NOT_FOUND, THROWS_CORRUPT)
                    + "\n@throws dev.burrow.VersionConflictException once the"
                    + " retry policy is exhausted; the last attempt wrote nothing\n"
                    + THROWS_LOCKED
                    + " (a file system store holds it for the compare-and-set)\n"
                    + lines(THROWS_NULL, THROWS_UNKNOWN),
                "change")
            .addParameter(String.class, "id")
            .addParameter(changes, "change")
            .addStatement("return engine.updateOptimistic(id, applying(change, \"change\"))")
            .build(),
        method(
                "compareAndSet",
                type,
                "Stores {@code value} as the next version if the stored"
                    + " version is still {@code value}'s own, in one atomic step, without retrying."
                    + " Build {@code value} from the stored one with {@code"
                    + " $T.of(current)...build()}, which keeps its ID and version. The stored"
                    + " {@code @CreatedAt}, if the type declares one, is kept whatever {@code"
                    + " value} says, read in the same atomic step (no read more).\n\n@return the"
                    + " stored value, one version after {@code value}'s\n@throws"
                    + " dev.burrow.VersionConflictException if the stored version differs; nothing"
                    + " is written\n"
                    + "@throws dev.burrow.InvalidIdException if {@code value}'s ID breaks a rule;"
                    + " nothing is touched\n"
                    + lines(THROWS_NOT_FOUND, THROWS_CORRUPT, THROWS_LOCKED)
                    + " (a file system store holds it for the compare-and-set)"
                    + "\n@throws dev.burrow.MisuseException if {@code value}'s version is negative"
                    + " or the highest a long can hold, which no stored instance has\n"
                    + lines(THROWS_UNREADABLE, THROWS_UNKNOWN),
                changesClass)
            .addParameter(type, "value")
            .addStatement("return engine.compareAndSet(value)")
            .build(),
        method(
                "delete",
                TypeName.BOOLEAN,
                "Deletes the instance and its directory, all or"
                    + " nothing: once this returns, no reader finds it, even if removing its files"
                    + " is interrupted. A damaged instance is deleted like any other.\n\n@return false"
                    + " if there was no such instance\n"
                    + lines(THROWS_ID, THROWS_LOCKED, THROWS_UNKNOWN))
            .addParameter(String.class, "id")
            .addStatement("return engine.delete(id)")
            .build());
  }

  private List<MethodSpec> locks() {
    TypeName ids = ParameterizedTypeName.get(Collection.class, String.class);
    String held =
        " Held across threads and processes (and hosts, on a shared backend) until"
            + " {@code close()}, best called by try-with-resources; reentrant for the holding"
            + " thread, whose own writes do not wait for it.";
    String all =
        "Takes the locks of all {@code ids} as one, in one global order, so callers"
            + " locking overlapping sets in any order never deadlock; closing releases them all.";
    String one = "Takes the instance's exclusive lock, waiting at most ";
    String timedOut =
        "\n\n" + THROWS_ID + "\n@throws dev.burrow.LockTimeoutException if it is not free in time";
    String allTimedOut =
        held
            + "\n\n@throws dev.burrow.InvalidIdException if one of {@code ids} breaks a rule;"
            + " no lock is taken\n"
            + "@throws dev.burrow.LockTimeoutException naming the first"
            + " instance not free in time; locks taken so far are released\n"
            + "@throws dev.burrow.MisuseException if {@code ids} is empty";
    return List.of(
        method(
                "lock",
                GeneratedTypes.INSTANCE_LOCK,
                one + "the options' lock timeout." + held + timedOut)
            .addParameter(String.class, "id")
            .addStatement("return engine.lock(id, engine.options().lockTimeout())")
            .build(),
        method(
                "lock",
                GeneratedTypes.INSTANCE_LOCK,
                one + "{@code timeout}." + held + timedOut + NEGATIVE_TIMEOUT)
            .addParameter(String.class, "id")
            .addParameter(Duration.class, "timeout")
            .addStatement("return engine.lock(id, timeout)")
            .build(),
        method(
                "lockAll",
                GeneratedTypes.INSTANCE_LOCK,
                all + " Waits at most the options' lock timeout." + allTimedOut)
            .addParameter(ids, "ids")
            .addStatement("return engine.lockAll(ids, engine.options().lockTimeout())")
            .build(),
        method(
                "lockAll",
                GeneratedTypes.INSTANCE_LOCK,
                all + " Waits at most {@code timeout}." + allTimedOut + NEGATIVE_TIMEOUT)
            .addParameter(ids, "ids")
            .addParameter(Duration.class, "timeout")
            .addStatement("return engine.lockAll(ids, timeout)")
            .build());
  }

  private List<MethodSpec> listings() {
    String corruption =
        "a damaged document is skipped and reported to the options' corruption" + " listener";
    return List.of(
        method(
                "list",
                ParameterizedTypeName.get(ClassName.get(List.class), type),
                "Every"
                    + " readable instance, newest first, all in memory; "
                    + corruption
                    + " (see"
                    + " {@link #scan()}). One read per instance; for many instances prefer {@link"
                    + " #list(PageRequest)} or {@link #stream()}.")
            .addStatement("return engine.list()")
            .build(),
        method(
                "list",
                ParameterizedTypeName.get(GeneratedTypes.PAGE, type),
                "One page of instances, newest first, with a report for each damaged one on it;"
                    + " pass {@link $T#next()} back for the following page. At most one page of"
                    + " reads, however many instances there are, where the backend keeps an"
                    + " index.\n\n@throws IllegalArgumentException if the request's cursor was"
                    + " not made by this kind's backend",
                GeneratedTypes.PAGE)
            .addParameter(GeneratedTypes.PAGE_REQUEST, "request")
            .addStatement("return engine.list(request)")
            .build(),
        method(
                "stream",
                ParameterizedTypeName.get(ClassName.get(Stream.class), type),
                "Every"
                    + " readable instance, newest first, read lazily one page at a time; "
                    + corruption
                    + " when it is met. Holds one page in memory and nothing else: no file, database"
                    + " connection or lock is held between pages, so a stream left unfinished or"
                    + " unclosed holds nothing.")
            .addStatement("return engine.stream()")
            .build(),
        method(
                "scan",
                ParameterizedTypeName.get(GeneratedTypes.LISTING, type),
                "Every readable"
                    + " instance, newest first, with a report for each damaged one, all in memory."
                    + " One read per instance.")
            .addStatement("return engine.scan()")
            .build());
  }

  /**
   * {@code where(condition)}, and {@code findByX}, {@code streamByX} and {@code countByX} for each
   * {@code @Indexed} component {@code x}; nothing if there is none.
   */
  private List<MethodSpec> finders() {
    if (model.indexedComponents().isEmpty()) {
      return List.of();
    }
    ClassName index = TypeNames.of(model.indexName());
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(
        method(
                "where",
                ParameterizedTypeName.get(GeneratedTypes.QUERY, type),
                "The instances whose indexed component matches {@code condition}, made from a"
                    + " constant of {@link $T}; add conditions with {@link $T#and} (all must"
                    + " match), then read a page, a stream or a count, newest first: {@code"
                    + " where($T.A.equalTo(a)).and($T.B.equalTo(b)).list(PageRequest.first(50))}."
                    + " Every instance whose stored document matches while the query runs is"
                    + " returned, none twice, none that does not match; only the documents the"
                    + " indexes name are read. Cheap: reads nothing until the query runs."
                    + "\n\n@throws dev.burrow.MisuseException if the condition's component is not"
                    + " one of this store's indexes (a field made by hand rather than a constant"
                    + " of {@link $T})",
                index,
                GeneratedTypes.QUERY,
                index,
                index,
                index)
            .addParameter(ParameterizedTypeName.get(GeneratedTypes.CONDITION, type), "condition")
            .addStatement("return engine.where(condition)")
            .build());
    for (Component component : model.indexedComponents()) {
      methods.addAll(finders(component, index));
    }
    return methods;
  }

  private List<MethodSpec> retention() {
    TypeName which =
        ParameterizedTypeName.get(
            ClassName.get(Predicate.class), WildcardTypeName.supertypeOf(type));
    TypeName told =
        ParameterizedTypeName.get(
            ClassName.get(Consumer.class), WildcardTypeName.supertypeOf(type));
    String each =
        " Each is deleted as {@link #delete} does it, under its lock, and only if it is still"
            + " chosen once the lock is held, so one changed meanwhile so that it no longer"
            + " qualifies is kept; one whose lock stays held past the lock timeout is kept and"
            + " counted in the report, damaged ones are kept, counted and handed to the options'"
            + " corruption listener, and one whose delete fails is counted with the exception"
            + " that says what happened to it: one instance that cannot be deleted never stops"
            + " the prune. Walks the instances lazily, holding about one page in memory however"
            + " many there are; the report names only the first {@link PruneReport#MAX_EXAMPLES}"
            + " kept of each kind. Cost: one read per instance and one delete per chosen one.";
    String thrown =
        " An exception thrown by {@code which} ends the prune and reaches the caller as it is,"
            + " without a report; what was deleted before it stays deleted, and no lock stays"
            + " held.";
    String toldDoc =
        "\n\n@param deleted told of each instance as it is deleted; an exception it throws ends"
            + " the prune and reaches the caller as it is, without a report";
    String reportDoc =
        "\n@return what was read and deleted, and what was kept and why"
            + "\n@throws dev.burrow.PruneStoppedException if the instances cannot be listed, the"
            + " backend cannot be reached or the thread is interrupted; it carries the report so"
            + " far, and the instances deleted before it stay deleted";
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(
        method(
                "prune",
                GeneratedTypes.PRUNE_REPORT,
                "Deletes every instance {@code which} chooses." + each + thrown + "\n" + reportDoc)
            .addParameter(which, "which")
            .addStatement("return engine.prune(which, instance -> {})")
            .build());
    methods.add(
        method(
                "prune",
                GeneratedTypes.PRUNE_REPORT,
                "Deletes every instance {@code which} chooses, telling {@code deleted} of each."
                    + each
                    + thrown
                    + toldDoc
                    + reportDoc)
            .addParameter(which, "which")
            .addParameter(told, "deleted")
            .addStatement("return engine.prune(which, deleted)")
            .build());
    if (model.withRole(Component.Role.CREATED_AT).isPresent()) {
      String older =
          "Deletes every instance created more than {@code age} ago by the options' clock (its"
              + " {@code @CreatedAt} before now minus {@code age}); an age reaching back before"
              + " {@link java.time.Instant#MIN} deletes nothing, since nothing can have been"
              + " created before it.";
      String negative = "\n@throws IllegalArgumentException if {@code age} is negative";
      methods.add(
          method(
                  "deleteOlderThan",
                  GeneratedTypes.PRUNE_REPORT,
                  older + each + "\n" + reportDoc + negative)
              .addParameter(Duration.class, "age")
              .addStatement("return engine.deleteOlderThan(age, instance -> {})")
              .build());
      methods.add(
          method(
                  "deleteOlderThan",
                  GeneratedTypes.PRUNE_REPORT,
                  older + each + toldDoc + reportDoc + negative)
              .addParameter(Duration.class, "age")
              .addParameter(told, "deleted")
              .addStatement("return engine.deleteOlderThan(age, deleted)")
              .build());
    }
    return methods;
  }

  private List<MethodSpec> finders(Component component, ClassName index) {
    String name = Names.finderSuffix(component.name());
    String value = component.javaName();
    String request = value.equals("request") ? "pageRequest" : "request";
    // a parameter named engine hides the field
    String engine = value.equals("engine") ? "this.engine" : "engine";
    CodeBlock query =
        CodeBlock.of("$L.where($T.$L.equalTo($L))", engine, index, component.constant(), value);
    TypeName declared = TypeNames.declared(component);
    CodeBlock checked =
        component.nullable() || declared.isPrimitive()
            ? CodeBlock.of("")
            : CodeBlock.of("$T.requireNonNull($L, $S);\n", Objects.class, value, value);
    String matching =
        "instances whose {@code "
            + component.name()
            + "} is {@code "
            + value
            + "}"
            + (component.nullable() ? " (null: those without one)" : "")
            + ", newest first";
    String guarantee =
        " Every instance whose stored document matches while the call runs is included, none"
            + " twice, none that does not match. Reads only the matching documents, through the"
            + " index of {@code "
            + component.name()
            + "}.";
    return List.of(
        method(
                "findBy" + name,
                ParameterizedTypeName.get(GeneratedTypes.PAGE, type),
                "One page of the "
                    + matching
                    + ", with a report for each damaged one on it; pass {@link $T#next()} back for"
                    + " the following page, as with {@link #list(PageRequest)}."
                    + guarantee
                    + "\n\n@throws IllegalArgumentException if the request's cursor was not made"
                    + " by this kind's backend",
                GeneratedTypes.PAGE)
            .addParameter(declared, value)
            .addParameter(GeneratedTypes.PAGE_REQUEST, request)
            .addCode(checked)
            .addStatement("return $L.list($L)", query, request)
            .build(),
        method(
                "streamBy" + name,
                ParameterizedTypeName.get(ClassName.get(Stream.class), type),
                "Every one of the "
                    + matching
                    + ", read lazily one page at a time; a damaged document is skipped and"
                    + " reported to the options' corruption listener."
                    + guarantee)
            .addParameter(declared, value)
            .addCode(checked)
            .addStatement("return $L.stream()", query)
            .build(),
        method(
                "countBy" + name,
                TypeName.LONG,
                "The number of "
                    + matching.replace(", newest first", "")
                    + ", counted through the index of {@code "
                    + component.name()
                    + "} (on the filesystem, each matching document is read to verify it).")
            .addParameter(declared, value)
            .addCode(checked)
            .addStatement("return $L.count()", query)
            .build());
  }

  private List<MethodSpec> transfers() {
    String export =
        "Writes every readable instance to {@code documents} as JSON Lines: a header line"
            + " naming the kind and its managed fields, one line per instance (newest first) with"
            + " its ID, version, timestamps and document, and a closing line with the count."
            + " Streams one page at a time; a damaged instance is left out and reported to the"
            + " options' corruption listener. The streams are flushed, not closed.";
    String importing =
        "Reads an export of this kind into this store, on any backend: a missing instance is"
            + " created with the export's ID, version and timestamps, an older one replaced, one"
            + " with the same or a newer version left alone. Idempotent and resumable: run again"
            + " after a crash, it creates nothing twice and overwrites nothing newer. The summary's"
            + " {@code damaged} is the count of damaged instances the export's closing line says"
            + " it left out. The streams are read to their end, not closed.";
    String importThrows =
        "\n\n@throws dev.burrow.CorruptExportException at a damaged line, an export of another"
            + " kind, or an export cut short; what came before it is imported\n"
            + "@throws dev.burrow.CorruptInstanceException if a document is not a valid $T";
    String copy =
        "Migration: copies every readable instance of this store into {@code target} (a store of"
            + " the same kind, typically on another backend, such as a data root moving to a"
            + " database), keeping IDs, versions and timestamps, with the regular files of their"
            + " directories where the target keeps them elsewhere (links, never followed, FIFOs,"
            + " sockets and devices are counted in the summary's {@code skipped}). As idempotent"
            + " and resumable as {@link #importFrom(InputStream)}; nothing is deleted from this"
            + " store. A damaged instance of this store cannot be read: it is left behind,"
            + " reported to this store's corruption listener and counted in the summary's {@code"
            + " damaged}.";
    String copyThrows =
        "\n\n@throws dev.burrow.StorageException if either backend fails or a file cannot be"
            + " copied: what was copied before it stays copied, and a copy run again finishes the"
            + " rest";
    return List.of(
        method("exportTo", GeneratedTypes.EXPORT_SUMMARY, export)
            .addParameter(OutputStream.class, "documents")
            .addStatement("return engine.exportTo(documents, null)")
            .build(),
        method(
                "exportTo",
                GeneratedTypes.EXPORT_SUMMARY,
                export
                    + " The files of the instances' directories on this host go to {@code"
                    + " directories} as a tar stream, named {@code <id>/<path>}: regular files"
                    + " only; links (never followed), FIFOs, sockets and devices are counted in the"
                    + " summary's {@code skipped}.")
            .addParameter(OutputStream.class, "documents")
            .addParameter(OutputStream.class, "directories")
            .addStatement("return engine.exportTo(documents, directories)")
            .build(),
        method("importFrom", GeneratedTypes.IMPORT_SUMMARY, importing + importThrows, type)
            .addParameter(InputStream.class, "documents")
            .addStatement("return engine.importFrom(documents, null)")
            .build(),
        method(
                "importFrom",
                GeneratedTypes.IMPORT_SUMMARY,
                importing
                    + "\n\n<p>Then writes the files of {@code directories} (a tar stream made by"
                    + " {@code exportTo}) into the instances' directories on this host, where no"
                    + " file at least as new is there."
                    + importThrows,
                type)
            .addParameter(InputStream.class, "documents")
            .addParameter(InputStream.class, "directories")
            .addStatement("return engine.importFrom(documents, directories)")
            .build(),
        method("copyTo", GeneratedTypes.IMPORT_SUMMARY, copy + copyThrows)
            .addParameter(store, "target")
            .addStatement("return engine.copyTo(target.engine)")
            .build(),
        method(
                "copyTo",
                GeneratedTypes.IMPORT_SUMMARY,
                copy
                    + " Runs {@code eachCopied} after each instance it copies, for example to show"
                    + " progress; an exception it throws ends the copy and reaches the caller as"
                    + " it is, and what was copied before stays copied."
                    + copyThrows)
            .addParameter(store, "target")
            .addParameter(Runnable.class, "eachCopied")
            .addStatement("return engine.copyTo(target.engine, eachCopied)")
            .build());
  }

  private List<MethodSpec> files() {
    // JavaPoet qualifies an instance type named like a type variable.
    TypeVariableName event = TypeVariableName.get("E");
    TypeVariableName prepared = TypeVariableName.get("P");
    return List.of(
        method(
                "dirs",
                TypeNames.of(model.dirsName()),
                "The instance's directory on this host,"
                    + " with one accessor per declared subdirectory.\n\n"
                    + lines(THROWS_ID, THROWS_NOT_FOUND))
            .addParameter(String.class, "id")
            .addStatement("return new $T(engine.dirs(id))", TypeNames.of(model.dirsName()))
            .build(),
        method(
                "events",
                ParameterizedTypeName.get(GeneratedTypes.EVENT_LOG, event),
                "The"
                    + " instance's append-only log of events of type {@code type}, on this host's"
                    + " disk; see {@link $T} for the guarantees. Cheap: nothing is read or written"
                    + " until the first append or read.\n\n"
                    + lines(THROWS_ID, THROWS_NOT_FOUND),
                GeneratedTypes.EVENT_LOG)
            .addTypeVariable(event)
            .addParameter(String.class, "id")
            .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), event), "type")
            .addStatement("return engine.events(id, type)")
            .build(),
        method(
                "files",
                GeneratedTypes.INSTANCE_FILES,
                "The instance's files, addressed by paths"
                    + " relative to its directory on this host; see {@link $T} for the guarantees."
                    + "\n\n"
                    + lines(THROWS_ID, THROWS_NOT_FOUND),
                GeneratedTypes.INSTANCE_FILES)
            .addParameter(String.class, "id")
            .addStatement("return engine.files(id)")
            .build(),
        method(
                "shared",
                GeneratedTypes.SHARED_FILES,
                "The files shared by every instance and"
                    + " process on this host's data root; see {@link $T} for the guarantees.",
                GeneratedTypes.SHARED_FILES)
            .addStatement("return engine.shared()")
            .build(),
        method(
                "sessions",
                ParameterizedTypeName.get(GeneratedTypes.SESSION_FACTORY, type, prepared),
                "Prepare once, create many: a factory that runs {@code preparation}"
                    + " once, on first need and thread-safely, and hands out cheap sessions of this"
                    + " store's instances that share its result; see {@link $T} for the guarantees."
                    + " Cheap: prepares nothing yet.",
                GeneratedTypes.SESSION_FACTORY)
            .addTypeVariable(prepared)
            .addParameter(
                ParameterizedTypeName.get(ClassName.get(Supplier.class), prepared), "preparation")
            .addStatement("return engine.sessions(preparation)")
            .build(),
        method("options", STORE_OPTIONS, "The options this store was opened with.")
            .addStatement("return engine.options()")
            .build());
  }

  /** What the engine applies: typed changes of the current value, built. */
  private MethodSpec applying() {
    return MethodSpec.methodBuilder("applying")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(ClassName.get(UnaryOperator.class), type))
        .addParameter(changes, "change")
        .addParameter(String.class, "parameter")
        .addCode(
            CodeBlock.builder()
                .addStatement("$T.requireNonNull(change, parameter)", Objects.class)
                .add("return current -> {\n$>")
                .addStatement("$T changes = $T.of(current)", changesClass, changesClass)
                .addStatement("change.accept(changes)")
                .addStatement("return changes.build()")
                .add("$<};\n")
                .build())
        .build();
  }

  private MethodSpec.Builder opener(String doc) {
    return MethodSpec.methodBuilder("open")
        .addJavadoc(JavadocText.wrap(doc))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(store);
  }

  private static MethodSpec.Builder method(
      String name, TypeName returns, String doc, Object... args) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(JavadocText.wrap(doc, args), args)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }
}
