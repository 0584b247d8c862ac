package dev.burrow.processor.rules;

import dev.burrow.IdKind;
import dev.burrow.UnknownFields;
import dev.burrow.processor.model.ClassRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An {@code @Instance} type as a front end read it, before the rules check it: the annotation's
 * values and the components, each with where it was written.
 *
 * @param type the annotated type
 * @param module the named module the annotated type is declared in, or null
 * @param location the annotated type, for diagnostics about it as a whole
 * @param kindName {@code @Instance.name}
 * @param dataRootEnv {@code @Instance.dataRootEnv}, empty if not given
 * @param defaultDataRoot {@code @Instance.defaultDataRoot}, empty if not given
 * @param subdirectories {@code @Instance.subdirectories}, each where it was written
 * @param idKind {@code @Instance.idKind}
 * @param unknownFields {@code @Instance.unknownFields}
 * @param components the components in constructor order
 */
public record InstanceSource<L>(
    ClassRef type,
    @Nullable String module,
    L location,
    Located<String, L> kindName,
    Located<String, L> dataRootEnv,
    Located<String, L> defaultDataRoot,
    List<Located<String, L>> subdirectories,
    IdKind idKind,
    UnknownFields unknownFields,
    List<ComponentSource<L>> components) {

  /** Copies the lists. */
  public InstanceSource {
    subdirectories = List.copyOf(subdirectories);
    components = List.copyOf(components);
  }
}
