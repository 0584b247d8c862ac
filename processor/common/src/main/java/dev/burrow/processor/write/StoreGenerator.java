package dev.burrow.processor.write;

import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code XStore}, the one store type a user needs: typed openers and every operation of
 * the runtime's {@code StoreEngine}, which stays private to it. The methods come from one generator
 * per concern, in the order the class declares them; this one adds the class, its {@code close} and
 * the Javadoc of the whole.
 */
final class StoreGenerator {
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

  StoreGenerator(InstanceModel model, Target target) {
    this.model = model;
    this.target = target;
  }

  JavaFile generate() {
    ClassName store = TypeNames.of(model.storeName());
    ClassName type = TypeNames.of(model.type());
    TypeName engine = ParameterizedTypeName.get(GeneratedTypes.STORE_ENGINE, type);
    StoreWrites writes = new StoreWrites(model, target);
    List<MethodSpec> methods = new ArrayList<>(new StoreOpeners(model, target).methods());
    methods.addAll(writes.creates());
    methods.addAll(StoreReads.byId(type));
    methods.addAll(writes.updates());
    methods.addAll(StoreLocks.methods());
    methods.addAll(StoreReads.listings(type));
    methods.addAll(StoreQueries.methods(model, type));
    methods.addAll(StoreRetention.methods(model, type));
    methods.addAll(StoreResources.methods(model, type));
    methods.addAll(StoreTransfers.methods(store, type));
    methods.add(writes.applying());
    methods.add(
        method(
                "close",
                TypeName.VOID,
                "Closes the store and releases what it holds open; later"
                    + " calls throw {@link dev.burrow.MisuseException}, and so does every use of"
                    + " the event logs, files, shared files and sessions it handed out, whenever"
                    + " taken (a lock taken before still closes). Stores made by {@link"
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
        GeneratedTypes.generatedClass(model, model.storeName(), target)
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
}
