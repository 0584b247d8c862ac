package dev.burrow.processor.write;

import static dev.burrow.processor.write.StoreMethods.THROWS_ID;
import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Generates {@code lock} and {@code lockAll}, each with the options' lock timeout or a given one.
 */
final class StoreLocks {
  private static final String NEGATIVE_TIMEOUT =
      "\n@throws IllegalArgumentException if {@code timeout} is negative; no lock is taken";

  private StoreLocks() {}

  static List<MethodSpec> methods() {
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
}
