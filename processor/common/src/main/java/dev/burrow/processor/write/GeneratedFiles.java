package dev.burrow.processor.write;

import com.palantir.javapoet.JavaFile;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every file generated for one {@code @Instance} type, for any front end to write out. */
public final class GeneratedFiles {
  /** The declaration annotations every generated class carries, by qualified name. */
  public static final Set<String> CLASS_ANNOTATIONS =
      Set.of(GeneratedTypes.GENERATED.canonicalName(), GeneratedTypes.NULL_MARKED.canonicalName());

  private GeneratedFiles() {}

  /**
   * {@code XSchema}, {@code XChanges}, {@code XDirs} and {@code XStore} of {@code model}, and
   * {@code XIndex} if it has {@code @Indexed} components.
   */
  public static List<JavaFile> of(InstanceModel model, Target target) {
    List<JavaFile> files =
        new ArrayList<>(
            List.of(
                new SchemaGenerator(model, target).generate(),
                new ChangesGenerator(model, target).generate(),
                new DirsGenerator(model, target).generate(),
                new StoreGenerator(model, target).generate()));
    if (!model.indexedComponents().isEmpty()) {
      files.add(new IndexGenerator(model, target).generate());
    }
    return files;
  }
}
