package dev.burrow.processor.model;

import java.util.List;

/**
 * A class, interface, enum or record by name: its package and its simple names from the outermost
 * type in ({@code [Order, State]} for {@code Order.State}).
 *
 * @param packageName the package, empty for the unnamed package
 * @param simpleNames the simple names, outermost first; never empty
 */
public record ClassRef(String packageName, List<String> simpleNames) {

  /** Copies the names; a class has at least one. */
  public ClassRef {
    simpleNames = List.copyOf(simpleNames);
    if (simpleNames.isEmpty()) {
      throw new IllegalArgumentException("a class needs a simple name");
    }
  }

  /** The class {@code simpleNames} (outermost first) in {@code packageName}. */
  public static ClassRef of(String packageName, String... simpleNames) {
    return new ClassRef(packageName, List.of(simpleNames));
  }

  /** The innermost simple name. */
  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }

  /** The canonical name, such as {@code shop.Order.State}. */
  public String qualifiedName() {
    String nested = String.join(".", simpleNames);
    return packageName.isEmpty() ? nested : packageName + "." + nested;
  }

  /**
   * The generated top-level class {@code <X><suffix>} in this class's package; a nested class
   * {@code Outer.X} gives {@code Outer_X<suffix>}.
   */
  public ClassRef generated(String suffix) {
    return of(packageName, String.join("_", simpleNames) + suffix);
  }
}
