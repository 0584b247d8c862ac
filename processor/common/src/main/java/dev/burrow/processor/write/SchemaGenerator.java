package dev.burrow.processor.write;

import static dev.burrow.processor.write.GeneratedTypes.DOCUMENT_READER;
import static dev.burrow.processor.write.GeneratedTypes.DOCUMENT_SHAPE;
import static dev.burrow.processor.write.GeneratedTypes.DOCUMENT_WRITER;
import static dev.burrow.processor.write.GeneratedTypes.VALUE_CODEC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Names;
import dev.burrow.processor.model.Target;
import dev.burrow.processor.model.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/** Generates {@code XSchema}: field names, layout, fresh defaults, stamping and the JSON codec. */
final class SchemaGenerator {
  private static final String DEFAULTS = "Defaults";
  private static final String CODEC = "JsonCodec";

  private final InstanceModel model;
  private final Target target;
  private final ClassName type;
  private final ClassName schema;
  private final ClassName defaults;
  private final @Nullable ConstructorDefaults constructorDefaults;

  SchemaGenerator(InstanceModel model, Target target) {
    this.model = model;
    this.target = target;
    this.type = TypeNames.of(model.type());
    this.schema = TypeNames.of(model.schemaName());
    this.defaults = schema.nestedClass(DEFAULTS);
    this.constructorDefaults = model.constructorDefaults() ? new ConstructorDefaults(model) : null;
  }

  JavaFile generate() {
    TypeSpec.Builder spec =
        GeneratedTypes.generatedClass(model, model.schemaName(), target)
            .addJavadoc(
                "The schema of {@link $T}: JSON field names, layout, fresh defaults and"
                    + " codec.\n",
                type)
            .addJavadoc("Stateless and thread-safe; use {@link #INSTANCE}.\n")
            .addSuperinterface(ParameterizedTypeName.get(GeneratedTypes.INSTANCE_SCHEMA, type))
            // A constant such as UUID would hide the type java.util.UUID in expressions.
            .alwaysQualify(
                model.components().stream().map(Component::constant).toArray(String[]::new))
            .addField(
                FieldSpec.builder(
                        schema, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The only instance.\n")
                    .initializer("new $T()", schema)
                    .build());
    for (Component component : model.components()) {
      spec.addField(
          FieldSpec.builder(
                  String.class,
                  component.constant(),
                  Modifier.PUBLIC,
                  Modifier.STATIC,
                  Modifier.FINAL)
              .addJavadoc("The JSON field of {@link $T#$L()}.\n", type, component.accessor())
              .initializer("$S", component.name())
              .build());
    }
    spec.addField(
            FieldSpec.builder(
                    GeneratedTypes.INSTANCE_LAYOUT, "layout", Modifier.PRIVATE, Modifier.FINAL)
                .initializer(layout())
                .build())
        .addField(
            FieldSpec.builder(schema.nestedClass(CODEC), "codec", Modifier.PRIVATE, Modifier.FINAL)
                .initializer("new $L()", CODEC)
                .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(
            override("type", ParameterizedTypeName.get(ClassName.get(Class.class), type))
                .addStatement("return $T.class", type)
                .build())
        .addMethod(
            override("layout", GeneratedTypes.INSTANCE_LAYOUT)
                .addStatement("return layout")
                .build())
        .addMethod(
            override("codec", ParameterizedTypeName.get(GeneratedTypes.INSTANCE_CODEC, type))
                .addStatement("return codec")
                .build())
        .addMethod(
            override("id", ClassName.get(String.class))
                .addParameter(type, "instance")
                .addStatement("return $L", TypeNames.readFrom(model, model.id(), "instance"))
                .build())
        .addMethod(
            override("version", TypeName.LONG)
                .addParameter(type, "instance")
                .addStatement("return $L", TypeNames.readFrom(model, model.version(), "instance"))
                .build())
        .addMethod(createdAt())
        .addMethod(fresh());
    if (constructorDefaults != null) {
      spec.addMethod(freshAsCreated(constructorDefaults));
    }
    spec.addMethod(stamp());
    if (!model.indexedComponents().isEmpty()) {
      spec.addMethod(indexes());
    }
    if (constructorDefaults != null) {
      spec.addField(constructorDefaults.handle()).addMethod(constructorDefaults.construct());
    }
    TypeSpec defaultsClass = defaultsClass();
    if (!defaultsClass.fieldSpecs().isEmpty()) {
      spec.addType(defaultsClass);
    }
    spec.addType(new CodecWriter().codecClass());
    return JavaFile.builder(schema.packageName(), spec.build()).skipJavaLangImports(true).build();
  }

  private CodeBlock layout() {
    CodeBlock subdirectories =
        CodeBlock.of(
            "$T.of($L)",
            List.class,
            model.subdirectories().stream()
                .map(s -> CodeBlock.of("$S", s.name()))
                .collect(CodeBlock.joining(", ")));
    return CodeBlock.of(
        "new $T($S, $L, $L, $L, $T.$L)",
        GeneratedTypes.INSTANCE_LAYOUT,
        model.kindName(),
        subdirectories,
        model.dataRootEnv() == null
            ? CodeBlock.of("null")
            : CodeBlock.of("$S", model.dataRootEnv()),
        ValueCode.string(model.defaultDataRoot()),
        GeneratedTypes.ID_KIND,
        model.idKind().name());
  }

  private MethodSpec createdAt() {
    CodeBlock value =
        model
            .withRole(Component.Role.CREATED_AT)
            .map(c -> TypeNames.readFrom(model, c, "instance"))
            .orElse(CodeBlock.of("null"));
    return override("createdAt", TypeNames.nullable(ClassName.get(Instant.class)))
        .addParameter(type, "instance")
        .addStatement("return $L", value)
        .build();
  }

  private MethodSpec fresh() {
    Function<Component, CodeBlock> argument =
        c -> c.role() == Component.Role.ID ? CodeBlock.of("id") : initialValue(c);
    CodeBlock value =
        constructorDefaults == null
            ? construct(argument)
            : constructWithDefaults(constructorDefaults, argument);
    return override("fresh", type)
        .addParameter(String.class, "id")
        .addStatement("return $L", value)
        .build();
  }

  /**
   * {@code fresh(id, version, createdAt, updatedAt)}: the class computes its defaults with the
   * managed values a create stores, which a default such as {@code = version} reads.
   */
  private MethodSpec freshAsCreated(ConstructorDefaults kotlin) {
    Function<Component, CodeBlock> argument =
        c ->
            switch (c.role()) {
              case ID -> CodeBlock.of("id");
              case VERSION -> CodeBlock.of("version");
              case CREATED_AT -> CodeBlock.of("createdAt");
              case UPDATED_AT -> CodeBlock.of("updatedAt");
              case DATA -> initialValue(c);
            };
    return override("fresh", type)
        .addParameter(String.class, "id")
        .addParameter(long.class, "version")
        .addParameter(Instant.class, "createdAt")
        .addParameter(Instant.class, "updatedAt")
        .addStatement("return $L", constructWithDefaults(kotlin, argument))
        .build();
  }

  /**
   * A call of the class's defaults constructor that computes every default the class declares;
   * {@code argument} gives the other components.
   */
  private CodeBlock constructWithDefaults(
      ConstructorDefaults kotlin, Function<Component, CodeBlock> argument) {
    return ConstructorDefaults.call(
        model.components().stream()
            .map(
                c ->
                    c.constructorDefault() ? ConstructorDefaults.placeholder(c) : argument.apply(c))
            .toList(),
        IntStream.range(0, kotlin.maskCount()).mapToObj(kotlin::allDefaults).toList());
  }

  private MethodSpec stamp() {
    return override("stamp", type)
        .addParameter(type, "instance")
        .addParameter(long.class, "version")
        .addParameter(Instant.class, "createdAt")
        .addParameter(Instant.class, "updatedAt")
        .addStatement(
            "return $L",
            construct(
                c ->
                    switch (c.role()) {
                      case VERSION -> CodeBlock.of("version");
                      case CREATED_AT -> CodeBlock.of("createdAt");
                      case UPDATED_AT -> CodeBlock.of("updatedAt");
                      default -> TypeNames.readFrom(model, c, "instance");
                    }))
        .build();
  }

  /** The {@code @Indexed} components, the constants of {@code XIndex}. */
  private MethodSpec indexes() {
    ClassName index = TypeNames.of(model.indexName());
    return override(
            "indexes",
            ParameterizedTypeName.get(
                ClassName.get(List.class),
                ParameterizedTypeName.get(
                    GeneratedTypes.INDEXED_FIELD, type, WildcardTypeName.subtypeOf(Object.class))))
        .addStatement(
            "return $T.of($L)",
            List.class,
            model.indexedComponents().stream()
                .map(c -> CodeBlock.of("$T.$L", index, c.constant()))
                .collect(CodeBlock.joining(", ")))
        .build();
  }

  private CodeBlock construct(Function<Component, CodeBlock> argument) {
    return CodeBlock.of(
        "new $T($L)",
        type,
        model.components().stream().map(argument).collect(CodeBlock.joining(", ")));
  }

  /** What a fresh value holds, and what a document without the field reads as. */
  private CodeBlock initialValue(Component component) {
    return switch (component.role()) {
      case ID -> CodeBlock.of("null");
      case VERSION -> CodeBlock.of("0L");
      case CREATED_AT, UPDATED_AT ->
          component.nullable() ? CodeBlock.of("null") : CodeBlock.of("$T.EPOCH", Instant.class);
      case DATA -> dataInitialValue(component);
    };
  }

  private CodeBlock dataInitialValue(Component component) {
    String literal = component.explicitDefault();
    if (literal != null) {
      return hoisted(component)
          ? CodeBlock.of("$T.$L", defaults, component.constant())
          : ValueCode.literal(component.value(), literal, namesInScope());
    }
    CodeBlock natural = ValueCode.naturalDefault(component.value());
    return component.nullable() || natural == null ? CodeBlock.of("null") : natural;
  }

  /**
   * The names an initial value may find in scope: the constants {@code XSchema} and its codec
   * declare for components, the parameters of {@code fresh} and {@code decode}, and the locals
   * {@code decode} keeps components in (a component {@code status} of a lower-case enum {@code
   * status}).
   */
  private Set<String> namesInScope() {
    Set<String> names = new HashSet<>(Set.of("id", "version", "createdAt", "updatedAt", "json"));
    for (Component component : model.components()) {
      names.add(component.constant());
      names.add(Names.variableName(component.name()));
    }
    return names;
  }

  private static boolean hoisted(Component component) {
    return component.value() instanceof ValueType.Scalar scalar && scalar.type().hoisted();
  }

  private TypeSpec defaultsClass() {
    TypeSpec.Builder spec =
        TypeSpec.classBuilder(DEFAULTS)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (Component component : model.dataComponents()) {
      String literal = component.explicitDefault();
      if (literal != null && hoisted(component)) {
        spec.addField(
            FieldSpec.builder(
                    TypeNames.plain(component),
                    component.constant(),
                    Modifier.STATIC,
                    Modifier.FINAL)
                .initializer(ValueCode.literal(component.value(), literal))
                .build());
      }
    }
    return spec.build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  /** The nested codec class: encode with a DocumentWriter, decode field by field. */
  private final class CodecWriter {

    TypeSpec codecClass() {
      TypeSpec.Builder spec =
          TypeSpec.classBuilder(CODEC)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addSuperinterface(ParameterizedTypeName.get(GeneratedTypes.SHAPED_CODEC, type));
      for (Component component : model.components()) {
        if (!ValueCode.constantCodec(component.value())) {
          spec.addField(
              FieldSpec.builder(
                      ParameterizedTypeName.get(VALUE_CODEC, TypeNames.plain(component).box()),
                      component.constant(),
                      Modifier.PRIVATE,
                      Modifier.STATIC,
                      Modifier.FINAL)
                  .initializer(ValueCode.codec(component.value(), model.unknownFields()))
                  .build());
        }
      }
      return spec.addMethod(encode()).addMethod(decode()).addMethod(shape()).build();
    }

    private CodeBlock codec(Component component) {
      return ValueCode.constantCodec(component.value())
          ? ValueCode.codec(component.value(), model.unknownFields())
          : CodeBlock.of("$L", component.constant());
    }

    private CodeBlock field(Component component) {
      return CodeBlock.of("$T.$L", schema, component.constant());
    }

    private MethodSpec encode() {
      CodeBlock.Builder body =
          CodeBlock.builder().add("return new $T()\n", DOCUMENT_WRITER).indent().indent();
      for (Component component : model.components()) {
        CodeBlock value = TypeNames.readFrom(model, component, "instance");
        if (component.role() == Component.Role.VERSION) {
          body.add(".number($L, $L)\n", field(component), value);
        } else {
          body.add(".field($L, $L, $L)\n", field(component), codec(component), value);
        }
      }
      body.add(".finish();\n").unindent().unindent();
      return override("encode", TypeName.get(byte[].class))
          .addParameter(type, "instance")
          .addCode(body.build())
          .build();
    }

    /** What {@link #decode} reads, for tools that check documents without the user's classes. */
    private MethodSpec shape() {
      CodeBlock.Builder body =
          CodeBlock.builder()
              .add(
                  "return $T.builder($S, $T.$L)\n",
                  DOCUMENT_SHAPE,
                  type.simpleName(),
                  GeneratedTypes.UNKNOWN_FIELDS,
                  model.unknownFields().name())
              .indent()
              .indent();
      for (Component component : model.components()) {
        String kind =
            required(component) ? "required" : component.nullable() ? "nullable" : "field";
        body.add(".$L($L, $L)\n", kind, field(component), codec(component));
      }
      body.add(".build();\n").unindent().unindent();
      return override("shape", DOCUMENT_SHAPE).addCode(body.build()).build();
    }

    private MethodSpec decode() {
      NameAllocator names = new NameAllocator();
      names.newName("json", "json");
      for (Component component : model.components()) {
        names.newName(Names.variableName(component.name()), component);
      }
      String reader = names.newName("reader", "reader");
      String field = names.newName("field", "field");
      List<String> masks = new ArrayList<>();
      MethodSpec.Builder method = override("decode", type).addParameter(byte[].class, "json");
      for (Component component : model.components()) {
        CodeBlock initial;
        if (required(component)) {
          initial = CodeBlock.of("null");
        } else if (component.constructorDefault()) {
          initial = ConstructorDefaults.placeholder(component);
        } else {
          initial = initialValue(component);
        }
        method.addStatement("$T $L = $L", localType(component), names.get(component), initial);
      }
      if (constructorDefaults != null) {
        for (int mask = 0; mask < constructorDefaults.maskCount(); mask++) {
          masks.add(names.newName("defaults" + mask));
          method.addStatement(
              "int $L = $L", masks.get(mask), constructorDefaults.allDefaults(mask));
        }
      }
      method
          .beginControlFlow(
              "try ($T $L = $T.open(json, $S, $T.$L))",
              DOCUMENT_READER,
              reader,
              DOCUMENT_READER,
              type.simpleName(),
              GeneratedTypes.UNKNOWN_FIELDS,
              model.unknownFields().name())
          .beginControlFlow(
              "for ($T $L = $L.nextField(); $L != null; $L = $L.nextField())",
              TypeNames.nullable(ClassName.get(String.class)),
              field,
              reader,
              field,
              field,
              reader)
          .beginControlFlow("switch ($L)", field);
      for (Component component : model.components()) {
        String read = component.nullable() ? "readNullable" : "read";
        CodeBlock assign =
            CodeBlock.of("$L = $L.$L($L)", names.get(component), reader, read, codec(component));
        if (constructorDefaults != null && component.constructorDefault()) {
          method
              .beginControlFlow("case $L ->", field(component))
              .addStatement(assign)
              .addStatement(
                  "$L &= ~($L)",
                  masks.get(constructorDefaults.mask(component)),
                  constructorDefaults.bit(component))
              .endControlFlow();
        } else {
          method.addStatement("case $L -> $L", field(component), assign);
        }
      }
      method
          .addStatement("default -> $L.unknownField()", reader)
          .endControlFlow()
          .endControlFlow()
          .endControlFlow();
      List<CodeBlock> arguments =
          model.components().stream()
              .map(
                  c ->
                      required(c)
                          ? CodeBlock.of(
                              "$T.required($L, $L)", DOCUMENT_READER, names.get(c), field(c))
                          : CodeBlock.of("$L", names.get(c)))
              .toList();
      if (constructorDefaults != null) {
        return method
            .addStatement(
                "return $L",
                ConstructorDefaults.call(
                    arguments, masks.stream().map(m -> CodeBlock.of("$L", m)).toList()))
            .build();
      }
      return method
          .addStatement("return new $T($L)", type, CodeBlock.join(arguments, ", "))
          .build();
    }

    private boolean required(Component component) {
      return component.role() == Component.Role.ID || component.role() == Component.Role.VERSION;
    }

    private TypeName localType(Component component) {
      return required(component)
          ? TypeNames.nullable(TypeNames.plain(component).box())
          : ConstructorDefaults.placeholderType(component);
    }
  }
}
