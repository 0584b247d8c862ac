package dev.burrow.processor.read;

import dev.burrow.processor.rules.Messages;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;
import kotlin.Metadata;
import kotlin.metadata.Attributes;
import kotlin.metadata.KmValueParameter;
import kotlin.metadata.jvm.KotlinClassMetadata;

/**
 * What kapt's stub of a Kotlin class keeps of its Kotlin source: the class's
 * {@code @kotlin.Metadata} says which parameters of its primary constructor declare default values,
 * which javac's view of the stub does not show.
 */
final class KotlinMetadata {
  private KotlinMetadata() {}

  /**
   * The names of the primary constructor's parameters that declare a default value: none for a Java
   * class; empty after reporting an error if the metadata cannot be read.
   */
  static Optional<Set<String>> parametersWithDefaults(TypeElement type, Reporter reporter) {
    Metadata metadata = type.getAnnotation(Metadata.class);
    if (metadata == null) {
      return Optional.of(Set.of());
    }
    KotlinClassMetadata read;
    try {
      read = KotlinClassMetadata.readLenient(metadata);
    } catch (IllegalArgumentException e) {
      reporter.error(
          type, Messages.kotlinMetadataUnreadable(type.getSimpleName().toString(), e.toString()));
      return Optional.empty();
    }
    if (!(read instanceof KotlinClassMetadata.Class kotlinClass)) {
      return Optional.of(Set.of());
    }
    return Optional.of(
        kotlinClass.getKmClass().getConstructors().stream()
            .filter(constructor -> !Attributes.isSecondary(constructor))
            .flatMap(constructor -> constructor.getValueParameters().stream())
            .filter(Attributes::getDeclaresDefaultValue)
            .map(KmValueParameter::getName)
            .collect(Collectors.toUnmodifiableSet()));
  }
}
