package dev.burrow.processor.rules;

import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.InstanceModel;
import java.util.HashMap;
import java.util.Map;

/**
 * The generated classes of the {@code @Instance} types one compilation has checked so far, so that
 * two types whose generated classes would have one name ({@code Outer.Run} and {@code Outer_Run}
 * both give {@code Outer_RunSchema}) fail the build with an error on each, naming the other,
 * instead of a failed write of the second one's files. One per compilation, kept across rounds.
 */
public final class GeneratedNames<L> {
  private final Map<String, Claim<L>> claims = new HashMap<>();

  /** No name claimed yet. */
  public GeneratedNames() {}

  /**
   * Claims the names of the classes generated for {@code model}, for the type at {@code location},
   * and returns whether they are its own: if a type checked before has them, reports an error to
   * {@code diagnostics} on both (on the first once, however many share them) and returns false.
   */
  public boolean claim(InstanceModel model, L location, Diagnostics<L> diagnostics) {
    Claim<L> claim = new Claim<>(model.type(), location);
    Claim<L> first = claims.putIfAbsent(model.storeName().qualifiedName(), claim);
    if (first == null) {
      return true;
    }
    if (!first.reported) {
      first.reported = true;
      diagnostics.error(first.location, message(first.type, claim.type));
    }
    diagnostics.error(location, message(claim.type, first.type));
    return false;
  }

  private static String message(ClassRef type, ClassRef other) {
    return Messages.generatedNameClash(
        type.qualifiedName(), other.qualifiedName(), type.generated("Store").qualifiedName());
  }

  private static final class Claim<L> {
    private final ClassRef type;
    private final L location;
    private boolean reported;

    Claim(ClassRef type, L location) {
      this.type = type;
      this.location = location;
    }
  }
}
