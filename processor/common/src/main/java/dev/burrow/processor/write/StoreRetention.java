package dev.burrow.processor.write;

import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Generates the deletes of every instance that qualifies: {@code prune}, and {@code
 * deleteOlderThan} where the type has a {@code @CreatedAt} component.
 */
final class StoreRetention {
  private StoreRetention() {}

  /** The methods of the store of {@code type} instances, described by {@code model}. */
  static List<MethodSpec> methods(InstanceModel model, ClassName type) {
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
            + " backend cannot be reached, the thread is interrupted or the store is closed"
            + " meanwhile; it carries the report so far, and the instances deleted before it stay"
            + " deleted";
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
}
