package dev.burrow.processor;

import static dev.burrow.processor.GeneratedTypes.INSTANCE_STORE;
import static dev.burrow.processor.GeneratedTypes.STORE_OPTIONS;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;
import javax.sql.DataSource;

/** Generates {@code XStore}: the typed facade over the runtime's {@code InstanceStore}. */
final class StoreGenerator {
  private final InstanceModel model;
  private final ClassName store;
  private final TypeName type;
  private final TypeName changes;

  StoreGenerator(InstanceModel model) {
    this.model = model;
    this.store = model.storeName();
    this.type = model.type();
    this.changes = ParameterizedTypeName.get(ClassName.get(Consumer.class), model.changesName());
  }

  JavaFile generate() {
    TypeName instances = ParameterizedTypeName.get(INSTANCE_STORE, type);
    TypeSpec spec =
        GeneratedTypes.generatedClass(model, store)
            .addSuperinterface(AutoCloseable.class)
            .addJavadoc("The typed store of {@link $T} instances (kind {@code $L}), over\n", type, model.kindName())
            .addJavadoc("{@link $T}: atomic durable writes, no silent overwrite, per-instance locks that\n", INSTANCE_STORE)
            .addJavadoc("hold across threads and processes, optimistic versions. Thread-safe; any number\n")
            .addJavadoc("of stores in any number of processes may share a data root. Close it when done.\n")
            .addField(instances, "instances", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(instances, "instances")
                    .addStatement("this.instances = instances")
                    .build())
            .addMethods(openers())
            .addMethod(
                method("instanceStore", instances, "The untyped runtime store underneath, for operations this facade does not name.")
                    .addStatement("return instances")
                    .build())
            .addMethod(withProvisioner())
            .addMethods(crud())
            .addMethods(locksAndDirs())
            .addMethod(applying())
            .addMethod(
                MethodSpec.methodBuilder("close")
                    .addAnnotation(Override.class)
                    .addJavadoc("Closes the store and releases what it holds open.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement("instances.close()")
                    .build())
            .build();
    return JavaFile.builder(store.packageName(), spec).skipJavaLangImports(true).build();
  }

  private List<MethodSpec> openers() {
    String fallback =
        (model.dataRootEnv() == null ? "" : "the environment variable {@code " + model.dataRootEnv() + "}, else ")
            + "{@code " + model.defaultDataRoot() + "}";
    return List.of(
        opener("Opens the store at " + fallback + ", with default options (durable writes).")
            .addStatement("return open($T.defaults())", STORE_OPTIONS)
            .build(),
        opener("Opens the store at {@code dataRoot}, with default options (durable writes).")
            .addParameter(Path.class, "dataRoot")
            .addStatement("return open($T.defaults().withDataRoot(dataRoot))", STORE_OPTIONS)
            .build(),
        opener("Opens the store with {@code options}; without a data root in them, at " + fallback + ".")
            .addParameter(STORE_OPTIONS, "options")
            .addStatement("return new $T($T.open($T.INSTANCE, options))", store, INSTANCE_STORE, model.schemaName())
            .build(),
        opener("Opens the store on PostgreSQL through {@code dataSource}, shared by every host that uses\n"
                + "the database; Burrow creates and upgrades its tables. Instance directories stay on\n"
                + "this host's disk, at " + fallback + ".")
            .addParameter(DataSource.class, "dataSource")
            .addStatement("return open(dataSource, $T.defaults())", STORE_OPTIONS)
            .build(),
        opener("Opens the store on PostgreSQL through {@code dataSource} with {@code options}; instance\n"
                + "directories stay on this host's disk, at the options' data root, else " + fallback + ".")
            .addParameter(DataSource.class, "dataSource")
            .addParameter(STORE_OPTIONS, "options")
            .addStatement("return new $T($T.open($T.INSTANCE, dataSource, options))", store, INSTANCE_STORE,
                model.schemaName())
            .build());
  }

  private MethodSpec withProvisioner() {
    return method("withProvisioner", store, "This store with {@code provisioner} preparing the workspace of every instance it\n"
            + "creates and tearing it down before each delete; see {@link $T} for the guarantees.\n"
            + "Both stores share what is open underneath (closing one closes both); this one is unchanged.",
            GeneratedTypes.WORKSPACE_PROVISIONER)
        .addParameter(ParameterizedTypeName.get(GeneratedTypes.WORKSPACE_PROVISIONER, type), "provisioner")
        .addStatement("return new $T(instances.withProvisioner(provisioner))", store)
        .build();
  }

  private MethodSpec.Builder opener(String doc) {
    return MethodSpec.methodBuilder("open")
        .addJavadoc(doc + "\n\n@throws dev.burrow.StorageException if the data root cannot be created or written\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(store);
  }

  private List<MethodSpec> crud() {
    return List.of(
        method("create", type, "Creates an instance with a new unique, time-ordered ID and fresh defaults, stored as version 1.")
            .addStatement("return instances.create()")
            .build(),
        method("create", type, "Creates an instance with the given ID and fresh defaults, stored as version 1.\n\n"
                + "@throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched\n"
                + "@throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed")
            .addParameter(String.class, "id")
            .addStatement("return instances.create(id)")
            .build(),
        method("create", type, "Creates an instance with the given ID whose fresh defaults are first edited by\n"
                + "{@code initial}; the result is stored as version 1 in one atomic step.\n\n"
                + "@throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched\n"
                + "@throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed")
            .addParameter(String.class, "id")
            .addParameter(changes, "initial")
            .addStatement("return instances.create(id, applying(initial))")
            .build(),
        method("get", type, "The stored instance.\n\n"
                + "@throws dev.burrow.InstanceNotFoundException if there is none\n"
                + "@throws dev.burrow.CorruptInstanceException naming the file if it cannot be read")
            .addParameter(String.class, "id")
            .addStatement("return instances.get(id)")
            .build(),
        method("find", ParameterizedTypeName.get(ClassName.get(Optional.class), type), "The stored instance, or empty. Lock-free: sees the last complete write.\n\n"
                + "@throws dev.burrow.CorruptInstanceException naming the file if it cannot be read")
            .addParameter(String.class, "id")
            .addStatement("return instances.find(id)")
            .build(),
        method("update", type, "Reads the instance, applies {@code change} to typed changes of it and stores the\n"
                + "result as the next version, under the instance's lock (threads and processes), so no\n"
                + "concurrent update is lost. {@code change} may run more than once; keep it free of\n"
                + "side effects.\n\n"
                + "@return the stored value\n"
                + "@throws dev.burrow.InstanceNotFoundException if there is no such instance\n"
                + "@throws dev.burrow.LockTimeoutException if the lock is not free within the lock timeout")
            .addParameter(String.class, "id")
            .addParameter(changes, "change")
            .addStatement("return instances.update(id, applying(change))")
            .build(),
        method("compareAndSet", type, "Stores {@code value} as the next version if the stored version is still\n"
                + "{@code expectedVersion}; build {@code value} with {@code $T.of(current)}.\n\n"
                + "@return the stored value, with version {@code expectedVersion + 1}\n"
                + "@throws dev.burrow.VersionConflictException if the stored version differs; nothing is written\n"
                + "@throws dev.burrow.InstanceNotFoundException if there is no such instance", model.changesName())
            .addParameter(String.class, "id")
            .addParameter(long.class, "expectedVersion")
            .addParameter(type, "value")
            .addStatement("return instances.compareAndSet(id, expectedVersion, value)")
            .build(),
        method("list", ParameterizedTypeName.get(ClassName.get(List.class), type), "Every readable instance, newest first. A damaged document is skipped and\n"
                + "reported to the options' corruption listener; see {@link #scan()}.")
            .addStatement("return instances.list()")
            .build(),
        method("scan", ParameterizedTypeName.get(GeneratedTypes.LISTING, type), "Every readable instance, newest first, with a report for each damaged one.")
            .addStatement("return instances.scan()")
            .build(),
        method("delete", TypeName.BOOLEAN, "Deletes the instance and its directory, all or nothing.\n\n"
                + "@return false if there was no such instance")
            .addParameter(String.class, "id")
            .addStatement("return instances.delete(id)")
            .build());
  }

  private List<MethodSpec> locksAndDirs() {
    return List.of(
        method("dirs", model.dirsName(), "The instance's directory, with one accessor per declared subdirectory.\n\n"
                + "@throws dev.burrow.InstanceNotFoundException if there is no such instance")
            .addParameter(String.class, "id")
            .addStatement("return new $T(instances.dirs(id))", model.dirsName())
            .build(),
        method("lock", GeneratedTypes.INSTANCE_LOCK, "Takes the instance's exclusive lock across threads and processes, waiting at\n"
                + "most the lock timeout of the options; release it with {@code close()}.\n\n"
                + "@throws dev.burrow.LockTimeoutException if it is not free in time")
            .addParameter(String.class, "id")
            .addStatement("return instances.lock(id)")
            .build(),
        method("lock", GeneratedTypes.INSTANCE_LOCK, "Takes the instance's exclusive lock, waiting at most {@code timeout}.\n\n"
                + "@throws dev.burrow.LockTimeoutException if it is not free in time")
            .addParameter(String.class, "id")
            .addParameter(Duration.class, "timeout")
            .addStatement("return instances.lock(id, timeout)")
            .build());
  }

  /** The function the runtime store applies: typed changes of the current value, built. */
  private MethodSpec applying() {
    return MethodSpec.methodBuilder("applying")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(ClassName.get(UnaryOperator.class), type))
        .addParameter(changes, "change")
        .addCode(
            "return current -> {\n$>$T changes = $T.of(current);\nchange.accept(changes);\nreturn changes.build();\n$<};\n",
            model.changesName(),
            model.changesName())
        .build();
  }

  private static MethodSpec.Builder method(String name, TypeName returns, String doc, Object... args) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc + "\n", args)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }
}
