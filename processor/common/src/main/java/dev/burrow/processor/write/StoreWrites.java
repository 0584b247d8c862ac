package dev.burrow.processor.write;

import static dev.burrow.processor.write.StoreMethods.THROWS_CORRUPT;
import static dev.burrow.processor.write.StoreMethods.THROWS_ID;
import static dev.burrow.processor.write.StoreMethods.THROWS_NOT_FOUND;
import static dev.burrow.processor.write.StoreMethods.lines;
import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.burrow.IdKind;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * Generates the writes of one instance: the {@code create} methods, {@code update}, {@code
 * updateOptimistic}, {@code compareAndSet} and {@code delete}, and the private {@code applying}
 * that turns the typed changes they take into what the engine applies.
 */
final class StoreWrites {
  private static final String THROWS_TAKEN =
      "@throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed";
  private static final String THROWS_NULL =
      "@throws dev.burrow.MisuseException if {@code $L} sets a non-null component to null or puts"
          + " null into a list, set or map, or the result could not be read back or is more than"
          + " 16 MiB of JSON; nothing is written";
  private static final String THROWS_UNREADABLE =
      "@throws dev.burrow.MisuseException if the value could not be read back once written (a"
          + " nested type Jackson writes but cannot read) or is more than 16 MiB of JSON; nothing"
          + " is written";
  private static final String THROWS_USED_UP =
      "@throws dev.burrow.MisuseException if the stored version is {@code Long.MAX_VALUE - 1},"
          + " the highest a stored instance can have: its versions are used up and it can never"
          + " be written again; nothing is written";
  private static final String THROWS_LOCKED =
      "@throws dev.burrow.LockTimeoutException if the instance's lock is held elsewhere past the"
          + " options' lock timeout; nothing is written";
  private static final String THROWS_UNKNOWN =
      "@throws dev.burrow.OutcomeUnknownException if the write was made but could not be"
          + " confirmed durable (a failed directory flush, a connection lost after the commit);"
          + " read the instance back before writing again";

  private final ClassName type;
  private final ClassName changesClass;
  private final TypeName changes;
  private final String snowflakeThrows;

  StoreWrites(InstanceModel model, Target target) {
    this.snowflakeThrows =
        model.idKind() == IdKind.SNOWFLAKE
            ? snowflakeThrows(
                target.postgres() ? "on PostgreSQL" : "on a backend other than the filesystem")
            : "";
    this.type = TypeNames.of(model.type());
    this.changesClass = TypeNames.of(model.changesName());
    this.changes = ParameterizedTypeName.get(ClassName.get(Consumer.class), changesClass);
  }

  /** {@code create}, with a generated ID or a given one, with fresh defaults or edited ones. */
  List<MethodSpec> creates() {
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
        method("create", type, generated + fresh + "\n\n" + lines(snowflakeThrows, THROWS_UNKNOWN))
            .addStatement("return engine.create($T.identity())", UnaryOperator.class)
            .build(),
        method(
                "create",
                type,
                generated + initial + "\n\n" + lines(THROWS_NULL, snowflakeThrows, THROWS_UNKNOWN),
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

  /**
   * What the kind's Snowflake generator throws from a {@code create}: it runs out after 2093
   * wherever it runs, and {@code where} (not on the filesystem, whose store starts it when it
   * opens) a create starts it when it must lease a worker number.
   */
  private static String snowflakeThrows(String where) {
    String lease = where + ", if this create must lease a worker number";
    return lines(
        "@throws dev.burrow.MisuseException if the clock is past 2093, where Snowflake IDs run"
            + " out, or, "
            + lease
            + " (the store's first does), before 2024; nothing is written",
        "@throws dev.burrow.WorkerIdUnavailableException "
            + lease
            + " and a live holder has every one; nothing is written",
        "@throws dev.burrow.ClockMovedBackwardsException "
            + lease
            + " and the clock is further behind the number's last IDs than the start-up wait"
            + " allows; nothing is written");
  }

  /** {@code update}, {@code updateOptimistic}, {@code compareAndSet} and {@code delete}. */
  List<MethodSpec> updates() {
    String sideEffects =
        "{@code change} may run more than once; keep it free of side effects. What it throws"
            + " reaches the caller as it is, with nothing written and no lock left held. It must"
            + " not write the instance it changes, through this store or another on its root:"
            + " such a write throws {@link dev.burrow.MisuseException} and writes nothing.";
    return List.of(
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
                        THROWS_USED_UP,
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
                    + lines(THROWS_NULL, THROWS_USED_UP, THROWS_UNKNOWN),
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
                    + " or past {@code Long.MAX_VALUE - 1}, the highest a stored instance can"
                    + " have, or the stored version is that highest one: its versions are used up"
                    + " and it can never be written again; nothing is written\n"
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

  /**
   * The store's private {@code applying(change, parameter)}, which turns the typed changes a write
   * takes into what the engine applies: typed changes of the current value, built.
   */
  MethodSpec applying() {
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
}
