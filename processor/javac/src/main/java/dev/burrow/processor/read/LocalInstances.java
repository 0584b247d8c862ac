package dev.burrow.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.burrow.Instance;
import dev.burrow.processor.rules.Messages;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Reports {@code @Instance} on local types (declared in a method, constructor or initializer).
 * javac hands a processor only the types it can name from outside, so such a type is never read and
 * would get no generated classes, silently; this scan finds it in the source instead. The
 * annotation is matched by its name as written (javac has not resolved names inside method bodies
 * yet): {@code @dev.burrow.Instance}, or {@code @Instance} in a file importing it or {@code
 * dev.burrow.*}. Each compilation unit is scanned once, in the first round that has it. Only under
 * javac (nothing is scanned where {@link Trees} is not available), and only in rounds javac runs
 * this processor for: javac runs it only for compilations with some annotation it claims outside a
 * method body, so a lone local {@code @Instance} type goes unreported.
 */
public final class LocalInstances {
  private static final String NAME = Instance.class.getSimpleName();
  private static final String QUALIFIED = Instance.class.getCanonicalName();
  private static final String PACKAGE = Instance.class.getPackageName();

  private final @Nullable Trees trees;
  private final Set<CompilationUnitTree> scanned = new HashSet<>();

  /** A scanner for the compilation units of {@code environment}. */
  public LocalInstances(ProcessingEnvironment environment) {
    this.trees = Reporter.trees(environment);
  }

  /** Reports each local {@code @Instance} type in the compilation units of {@code roots}. */
  public void report(Set<? extends Element> roots) {
    if (trees == null) {
      return;
    }
    for (Element root : roots) {
      if (!(root instanceof TypeElement)) {
        continue;
      }
      TreePath path = trees.getPath(root);
      if (path != null && scanned.add(path.getCompilationUnit())) {
        new Scan(trees, path.getCompilationUnit()).scan(path.getCompilationUnit(), null);
      }
    }
  }

  private static final class Scan extends TreePathScanner<@Nullable Void, @Nullable Void> {
    private final Trees trees;
    private final CompilationUnitTree unit;
    private final boolean simpleNameImported;

    Scan(Trees trees, CompilationUnitTree unit) {
      this.trees = trees;
      this.unit = unit;
      this.simpleNameImported = imports(unit);
    }

    private static boolean imports(CompilationUnitTree unit) {
      if (unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE)) {
        return true;
      }
      for (ImportTree imported : unit.getImports()) {
        String name = imported.getQualifiedIdentifier().toString();
        if (!imported.isStatic() && (name.equals(QUALIFIED) || name.equals(PACKAGE + ".*"))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public @Nullable Void visitClass(ClassTree type, @Nullable Void unused) {
      Tree enclosing = getCurrentPath().getParentPath().getLeaf();
      boolean local =
          !(enclosing instanceof ClassTree) && !(enclosing instanceof CompilationUnitTree);
      if (local) {
        for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
          if (isInstance(annotation.getAnnotationType().toString())) {
            trees.printMessage(
                Diagnostic.Kind.ERROR, Messages.local(type.getSimpleName().toString()), type, unit);
          }
        }
      }
      return super.visitClass(type, null);
    }

    private boolean isInstance(String written) {
      return written.equals(QUALIFIED) || (simpleNameImported && written.equals(NAME));
    }
  }
}
