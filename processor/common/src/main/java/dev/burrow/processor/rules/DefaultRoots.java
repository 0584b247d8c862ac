package dev.burrow.processor.rules;

import dev.burrow.processor.model.InstanceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default data roots of the {@code @Instance} types one compilation has checked so far, so that
 * two types whose instances would land in one folder (the same {@code @Instance} name, or the same
 * {@code defaultDataRoot}) fail the build instead of meeting at run time. One per compilation, kept
 * across rounds; each {@link #claim} costs a map lookup.
 *
 * <p>Roots are compared as folders: separators ({@code /} or {@code \}), {@code .}, {@code ..} and
 * trailing separators normalized, and letter case ignored, as macOS and Windows ignore it. Types
 * compiled separately cannot be compared; nor can the roots that {@code dataRootEnv} or a path
 * given to {@code open} choose at run time.
 */
public final class DefaultRoots<L> {
  private final Map<String, List<Claim<L>>> claims = new HashMap<>();

  /** No root claimed yet. */
  public DefaultRoots() {}

  /**
   * Records {@code model}'s default root, for the type at {@code location}; if a type checked
   * before has the same one, reports an error to {@code diagnostics} on both, each naming the other
   * (the first type is reported on once, however many share its root).
   */
  public void claim(InstanceModel model, L location, Diagnostics<L> diagnostics) {
    Claim<L> claim = new Claim<>(model, location);
    List<Claim<L>> same =
        claims.computeIfAbsent(folder(model.defaultDataRoot()), k -> new ArrayList<>());
    same.add(claim);
    if (same.size() == 1) {
      return;
    }
    Claim<L> first = same.get(0);
    if (same.size() == 2) {
      report(first, claim, diagnostics);
    }
    report(claim, first, diagnostics);
  }

  private static <L> void report(Claim<L> claim, Claim<L> other, Diagnostics<L> diagnostics) {
    diagnostics.error(
        claim.location(),
        Messages.sharedDefaultRoot(
            claim.model().type().qualifiedName(),
            claim.model().defaultDataRoot(),
            other.model().type().qualifiedName(),
            other.model().defaultDataRoot(),
            claim.model().kindName().equals(other.model().kindName())));
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

  private record Claim<L>(InstanceModel model, L location) {}
}
