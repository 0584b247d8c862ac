package dev.burrow.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.burrow.processor.rules.Diagnostics;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Reports errors, always at the {@link Position} (an element, and where there is one, the
 * annotation and value) that causes them.
 */
public final class Reporter implements Diagnostics<Position> {
  private final Messager messager;
  private final @Nullable Trees trees;

  /** A reporter that prints to {@code environment}'s messager. */
  public Reporter(ProcessingEnvironment environment) {
    this.messager = environment.getMessager();
    this.trees = trees(environment);
  }

  /** javac's source trees of {@code environment}; null under another compiler. */
  static @Nullable Trees trees(ProcessingEnvironment environment) {
    try {
      return Trees.instance(environment);
    } catch (IllegalArgumentException e) {
      return null; // not javac's environment: messages go without the source text
    }
  }

  /**
   * The source text of the annotation at {@code position}, such as {@code @Default(Missing.X)}, for
   * messages; null if the position names no annotation or javac has no source for it (a type read
   * from a class file, or a compiler other than javac).
   */
  public @Nullable String written(Position position) {
    AnnotationMirror annotation = position.annotation();
    if (trees == null || annotation == null) {
      return null;
    }
    Tree tree = trees.getTree(position.element(), annotation);
    if (tree instanceof AnnotationTree written
        && written.getArguments().size() == 1
        && written.getArguments().get(0) instanceof AssignmentTree only
        && only.getVariable().toString().equals("value")) {
      // javac prints a lone value as "value = X"; show it as it is usually written.
      return "@" + written.getAnnotationType() + "(" + only.getExpression() + ")";
    }
    return tree == null ? null : tree.toString();
  }

  /** Reports {@code message} as an error on {@code element}. */
  public void error(Element element, String message) {
    error(Position.of(element), message);
  }

  @Override
  public void error(Position position, String message) {
    messager.printMessage(
        Diagnostic.Kind.ERROR,
        message,
        position.element(),
        position.annotation(),
        position.value());
  }
}
