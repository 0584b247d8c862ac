package dev.burrow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Target;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code XIndex}: one {@code IndexedField} constant per {@code @Indexed} component, for
 * {@code store.where(XIndex.A.equalTo(a)).and(XIndex.B.equalTo(b))}.
 */
final class IndexGenerator {
  private final InstanceModel model;
  private final Target target;
  private final ClassName type;

  IndexGenerator(InstanceModel model, Target target) {
    this.model = model;
    this.target = target;
    this.type = TypeNames.of(model.type());
  }

  JavaFile generate() {
    ClassName index = TypeNames.of(model.indexName());
    String doc =
        "The {@code @Indexed} components of {@link $T}, to combine in queries: {@code"
            + " store.where(A.equalTo(a)).and(B.equalTo(b))} returns the instances matching both,"
            + " newest first. Each condition lists one index; only the documents every index names"
            + " are read.";
    TypeSpec.Builder spec =
        GeneratedTypes.generatedClass(model, model.indexName(), target)
            .addJavadoc(JavadocText.wrap(doc, type), type)
            // A constant such as UUID would hide the type java.util.UUID in expressions.
            .alwaysQualify(
                model.indexedComponents().stream().map(Component::constant).toArray(String[]::new))
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (Component component : model.indexedComponents()) {
      spec.addField(field(component));
    }
    return JavaFile.builder(index.packageName(), spec.build()).skipJavaLangImports(true).build();
  }

  private FieldSpec field(Component component) {
    TypeName value = component.nullable() ? TypeNames.nullable(boxed(component)) : boxed(component);
    return FieldSpec.builder(
            ParameterizedTypeName.get(GeneratedTypes.INDEXED_FIELD, type, value),
            component.constant(),
            Modifier.PUBLIC,
            Modifier.STATIC,
            Modifier.FINAL)
        .addJavadoc(
            JavadocText.wrap("The indexed component {@link $T#$L()}.", type, component.accessor()),
            type,
            component.accessor())
        .initializer(
            "$T.$L($T.$L, $L, $L::toKey)",
            GeneratedTypes.INDEXED_FIELD,
            component.nullable() ? "ofNullable" : "of",
            TypeNames.of(model.schemaName()),
            component.constant(),
            read(component),
            ValueCode.codec(component.value(), model.unknownFields()))
        .build();
  }

  /**
   * What reads the component: {@code X::a}, or, where the component's constant has the type's own
   * name ({@code record T(@Indexed String t)}), a lambda whose parameter names the type, since the
   * constant would hide it in {@code T::t}.
   */
  private CodeBlock read(Component component) {
    return component.constant().equals(type.simpleName())
        ? CodeBlock.of("($T instance) -> instance.$L()", type, component.accessor())
        : CodeBlock.of("$T::$L", type, component.accessor());
  }

  private static TypeName boxed(Component component) {
    return TypeNames.plain(component).box();
  }
}
