package dev.burrow.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;

/**
 * Names of the runtime and library types generated code refers to (the processor does not
 * depend on the runtime), and the annotations every generated type carries.
 */
final class GeneratedTypes {
  private static final String CODEC = "dev.burrow.runtime.codec";
  private static final String STORE = "dev.burrow.runtime.store";

  static final ClassName VALUE_CODECS = ClassName.get(CODEC, "ValueCodecs");
  static final ClassName VALUE_CODEC = ClassName.get(CODEC, "ValueCodec");
  static final ClassName DOCUMENT_WRITER = ClassName.get(CODEC, "DocumentWriter");
  static final ClassName DOCUMENT_READER = ClassName.get(CODEC, "DocumentReader");
  static final ClassName INSTANCE_STORE = ClassName.get(STORE, "InstanceStore");
  static final ClassName STORE_OPTIONS = ClassName.get(STORE, "StoreOptions");
  static final ClassName INSTANCE_DIRECTORY = ClassName.get(STORE, "InstanceDirectory");
  static final ClassName WORKSPACE_PROVISIONER = ClassName.get(STORE, "WorkspaceProvisioner");
  static final ClassName LISTING = ClassName.get("dev.burrow.runtime.backend", "Listing");
  static final ClassName INSTANCE_LOCK = ClassName.get("dev.burrow.runtime.lock", "InstanceLock");
  static final ClassName INSTANCE_SCHEMA = ClassName.get("dev.burrow.spi", "InstanceSchema");
  static final ClassName INSTANCE_CODEC = ClassName.get("dev.burrow.spi", "InstanceCodec");
  static final ClassName INSTANCE_LAYOUT = ClassName.get("dev.burrow.spi", "InstanceLayout");
  static final ClassName ID_KIND = ClassName.get("dev.burrow", "IdKind");
  static final ClassName UNKNOWN_FIELDS = ClassName.get("dev.burrow", "UnknownFields");
  static final ClassName TYPE_REFERENCE = ClassName.get("tools.jackson.core.type", "TypeReference");
  static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
  static final ClassName NULL_MARKED = ClassName.get("org.jspecify.annotations", "NullMarked");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private GeneratedTypes() {}

  /**
   * A public final class carrying {@code @Generated} and {@code @NullMarked}, recording
   * {@code model}'s type as its only originating element (which keeps Gradle's isolating
   * incremental processing correct).
   */
  static TypeSpec.Builder generatedClass(InstanceModel model, ClassName name) {
    return TypeSpec.classBuilder(name)
        .addModifiers(javax.lang.model.element.Modifier.PUBLIC, javax.lang.model.element.Modifier.FINAL)
        .addAnnotation(
            AnnotationSpec.builder(GENERATED)
                .addMember("value", "$S", InstanceProcessor.class.getName())
                .build())
        .addAnnotation(NULL_MARKED)
        .addOriginatingElement(model.element());
  }
}
