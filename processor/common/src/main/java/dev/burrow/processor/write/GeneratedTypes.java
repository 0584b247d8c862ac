package dev.burrow.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import dev.burrow.Backend;
import dev.burrow.Condition;
import dev.burrow.EventLog;
import dev.burrow.ExportSummary;
import dev.burrow.IdKind;
import dev.burrow.ImportSummary;
import dev.burrow.IndexedField;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.Listing;
import dev.burrow.MisuseException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.Query;
import dev.burrow.SessionFactory;
import dev.burrow.SharedFiles;
import dev.burrow.StoreOptions;
import dev.burrow.UnknownFields;
import dev.burrow.WorkspaceProvisioner;
import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import javax.lang.model.element.Modifier;

/**
 * The library types generated code refers to (the processor does not depend on the runtime or on
 * {@code burrow-postgres}, so theirs are named here), and the annotations every generated class
 * carries.
 */
final class GeneratedTypes {
  private static final String CODEC = "dev.burrow.runtime.codec";

  static final ClassName STORE_ENGINE = TypeNames.of(Target.STORE_ENGINE);
  static final ClassName VALUE_CODECS = ClassName.get(CODEC, "ValueCodecs");
  static final ClassName KOTLIN_VALUES = ClassName.get(CODEC, "KotlinValues");
  static final ClassName PARAMETER_NAMES = ClassName.get(CODEC, "ParameterNames");
  static final ClassName VALUE_CODEC = ClassName.get(CODEC, "ValueCodec");
  static final ClassName DOCUMENT_WRITER = ClassName.get(CODEC, "DocumentWriter");
  static final ClassName DOCUMENT_READER = ClassName.get(CODEC, "DocumentReader");
  static final ClassName DOCUMENT_SHAPE = ClassName.get(CODEC, "DocumentShape");
  static final ClassName SHAPED_CODEC = ClassName.get(CODEC, "ShapedCodec");
  static final ClassName BURROW_JSON = ClassName.get(CODEC, "BurrowJson");
  static final ClassName KOTLIN_DEFAULTS =
      ClassName.get("dev.burrow.runtime.kotlin", "KotlinDefaults");
  static final ClassName POSTGRES_BACKEND = TypeNames.of(Target.POSTGRES_BACKEND);
  static final ClassName POSTGRES_OPTIONS =
      ClassName.get(Target.POSTGRES_BACKEND.packageName(), "PostgresOptions");
  static final ClassName DATA_SOURCE = ClassName.get("javax.sql", "DataSource");
  static final ClassName CONNECTION = ClassName.get("java.sql", "Connection");

  static final ClassName BACKEND = ClassName.get(Backend.class);
  static final ClassName STORE_OPTIONS = ClassName.get(StoreOptions.class);
  static final ClassName INSTANCE_DIRECTORY = ClassName.get(InstanceDirectory.class);
  static final ClassName WORKSPACE_PROVISIONER = ClassName.get(WorkspaceProvisioner.class);
  static final ClassName LISTING = ClassName.get(Listing.class);
  static final ClassName PAGE = ClassName.get(Page.class);
  static final ClassName PAGE_REQUEST = ClassName.get(PageRequest.class);
  static final ClassName INDEXED_FIELD = ClassName.get(IndexedField.class);
  static final ClassName CONDITION = ClassName.get(Condition.class);
  static final ClassName QUERY = ClassName.get(Query.class);
  static final ClassName PRUNE_REPORT = ClassName.get(PruneReport.class);
  static final ClassName INSTANCE_LOCK = ClassName.get(InstanceLock.class);
  static final ClassName EVENT_LOG = ClassName.get(EventLog.class);
  static final ClassName INSTANCE_FILES = ClassName.get(InstanceFiles.class);
  static final ClassName SHARED_FILES = ClassName.get(SharedFiles.class);
  static final ClassName SESSION_FACTORY = ClassName.get(SessionFactory.class);
  static final ClassName EXPORT_SUMMARY = ClassName.get(ExportSummary.class);
  static final ClassName IMPORT_SUMMARY = ClassName.get(ImportSummary.class);
  static final ClassName MISUSE = ClassName.get(MisuseException.class);
  static final ClassName ID_KIND = ClassName.get(IdKind.class);
  static final ClassName UNKNOWN_FIELDS = ClassName.get(UnknownFields.class);
  static final ClassName INSTANCE_SCHEMA = ClassName.get(InstanceSchema.class);
  static final ClassName INSTANCE_CODEC = ClassName.get(InstanceCodec.class);
  static final ClassName INSTANCE_LAYOUT = ClassName.get(InstanceLayout.class);

  static final ClassName TYPE_REFERENCE = ClassName.get("tools.jackson.core.type", "TypeReference");
  static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
  static final ClassName NULL_MARKED = ClassName.get("org.jspecify.annotations", "NullMarked");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private GeneratedTypes() {}

  /**
   * A public final class {@code name}, generated for {@code model}, carrying {@code @Generated},
   * {@code @NullMarked} and {@code @SuppressWarnings({"deprecation", "removal"})}; it spells the
   * {@code java.lang} types its package hides qualified.
   *
   * <p>Generated code uses what the user declared: a deprecated instance type, accessor or
   * constructor, a component's deprecated type or enum constant. Each use would warn where the user
   * cannot change it, and fail a build with {@code -Xlint:all -Werror}; the user's own uses still
   * warn in the user's code. Every class suppresses both, as tracking what each one touches through
   * type arguments, nested types and constants would miss a case for little gain.
   */
  static TypeSpec.Builder generatedClass(InstanceModel model, ClassRef name, Target target) {
    return TypeSpec.classBuilder(TypeNames.of(name))
        .alwaysQualify(model.hiddenJavaLangTypes().toArray(String[]::new))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addAnnotation(
            AnnotationSpec.builder(GENERATED).addMember("value", "$S", target.generator()).build())
        .addAnnotation(NULL_MARKED)
        .addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "{$S, $S}", "deprecation", "removal")
                .build());
  }
}
