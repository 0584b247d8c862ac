package dev.burrow.processor.write;

import static dev.burrow.processor.write.GeneratedTypes.STORE_OPTIONS;
import static dev.burrow.processor.write.StoreMethods.THROWS_ID;
import static dev.burrow.processor.write.StoreMethods.THROWS_NOT_FOUND;
import static dev.burrow.processor.write.StoreMethods.lines;
import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.burrow.processor.model.InstanceModel;
import java.util.List;
import java.util.function.Supplier;

/**
 * Generates what a store hands out besides instances: an instance's directory ({@code dirs}), event
 * logs ({@code events}) and files ({@code files}), the data root's shared files ({@code shared}),
 * session factories ({@code sessions}) and the store's {@code options}.
 */
final class StoreResources {
  private StoreResources() {}

  /** The methods of the store of {@code type} instances, described by {@code model}. */
  static List<MethodSpec> methods(InstanceModel model, ClassName type) {
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
                    + " disk; see {@link $T} for the guarantees. Cheap: one look-up of the"
                    + " instance (on a database, one query), and its {@code events/} directory made"
                    + " if missing (flushed under {@code Durability.FSYNC}); the log itself is"
                    + " neither read nor written until the first append or read.\n\n"
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
}
