package dev.burrow.processor.rules;

import dev.burrow.processor.model.InstanceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The data roots of the {@code @Instance} types one compilation has checked so far, so that two
 * types whose instances would land in one folder fail the build instead of meeting at run time: the
 * same default root (the same {@code @Instance} name, or the same {@code defaultDataRoot}), or the
 * same {@code dataRootEnv}, whose value is one kind's data root, not a parent of several: whenever
 * it is set, every type naming it opens that one folder. One per compilation, kept across rounds;
 * each {@link #claim} costs two map lookups.
 *
 * <p>Roots are compared as folders: separators ({@code /} or {@code \}), {@code .}, {@code ..} and
 * trailing separators normalized, and letter case ignored, as macOS and Windows ignore it.
 * Variables are compared ignoring letter case, as Windows ignores it. Types compiled separately
 * cannot be compared; nor can a variable's value, or a path given to {@code open} at run time.
 */
public final class DefaultRoots<L> {
  private final Map<String, List<Claim<L>>> byFolder = new HashMap<>();
  private final Map<String, List<Claim<L>>> byVariable = new HashMap<>();

  /** No root claimed yet. */
  public DefaultRoots() {}

  /**
   * Records {@code model}'s default root and variable, for the type at {@code location}; if a type
   * checked before has the same one, reports an error to {@code diagnostics} on both, each naming
   * the other (the first type is reported on once, however many share it).
   */
  public void claim(InstanceModel model, L location, Diagnostics<L> diagnostics) {
    Claim<L> claim = new Claim<>(model, location);
    claim(
        byFolder,
        folder(model.defaultDataRoot()),
        claim,
        diagnostics,
        (mine, other) ->
            Messages.sharedDefaultRoot(
                mine.qualifiedName(),
                mine.model().defaultDataRoot(),
                other.qualifiedName(),
                other.model().defaultDataRoot(),
                mine.sameKindAs(other)));
    String variable = model.dataRootEnv();
    if (variable != null) {
      claim(
          byVariable,
          variable.toUpperCase(Locale.ROOT),
          claim,
          diagnostics,
          (mine, other) ->
              Messages.sharedDataRootEnv(
                  mine.qualifiedName(),
                  String.valueOf(mine.model().dataRootEnv()),
                  other.qualifiedName(),
                  String.valueOf(other.model().dataRootEnv()),
                  mine.sameKindAs(other)));
    }
  }

  private static <L> void claim(
      Map<String, List<Claim<L>>> claims,
      String key,
      Claim<L> claim,
      Diagnostics<L> diagnostics,
      BiFunction<Claim<L>, Claim<L>, String> message) {
    List<Claim<L>> same = claims.computeIfAbsent(key, k -> new ArrayList<>());
    same.add(claim);
    if (same.size() == 1) {
      return;
    }
    Claim<L> first = same.get(0);
    if (same.size() == 2) {
      diagnostics.error(first.location(), message.apply(first, claim));
    }
    diagnostics.error(claim.location(), message.apply(claim, first));
  }

  /** {@code root} as a folder: the same string for every spelling of the same folder. */
  static String folder(String root) {
    String[] parts = root.toLowerCase(Locale.ROOT).split("[/\\\\]+", -1);
    // A leading "/" (an empty first part) or "~" is never climbed out of.
    int anchor = parts[0].isEmpty() || parts[0].equals("~") ? 1 : 0;
    List<String> segments = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if ((part.isEmpty() && i > 0) || part.equals(".")) {
        continue;
      }
      if (part.equals("..")
          && segments.size() > anchor
          && !segments.get(segments.size() - 1).equals("..")) {
        segments.remove(segments.size() - 1);
      } else {
        segments.add(part);
      }
    }
    return String.join("/", segments);
  }

  private record Claim<L>(InstanceModel model, L location) {
    String qualifiedName() {
      return model.type().qualifiedName();
    }

    boolean sameKindAs(Claim<L> other) {
      return model.kindName().equals(other.model.kindName());
    }
  }
}
