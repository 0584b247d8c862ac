package dev.burrow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Names;
import dev.burrow.processor.model.Target;
import dev.burrow.processor.model.TypeRef;
import dev.burrow.processor.model.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Generates {@code XChanges}: one getter and setter per component the user owns, put/remove helpers
 * for maps and add helpers for lists and sets, and {@code build()}. A collection is copied on its
 * first edit, so the value the changes started from is never modified. Null is refused where the
 * document cannot hold it: in a component that is not {@code @Nullable}, as a map key, and as an
 * element or value whose type is not nullable ({@code List<@Nullable String>}, Kotlin's {@code
 * List<String?>}, admits null).
 */
final class ChangesGenerator {
  private static final String REQUIRED = "required";
  private static final String ELEMENT = "nonNullElement";
  private static final String ELEMENTS = "nonNullElements";
  private static final String KEY = "nonNullKey";
  private static final String KEYS = "nonNullKeys";
  private static final String NO_NULL_ELEMENT =
      "' cannot hold null: its elements and values are not declared nullable";
  private static final String NO_NULL_ELEMENTS =
      "' cannot hold null: its elements are not declared nullable";
  private static final String NO_NULL_ENTRIES =
      "' cannot hold null: map keys are never null, and its values are not declared nullable";
  private static final String NO_NULL_KEY = "' cannot hold a null key: map keys are never null";

  private final InstanceModel model;
  private final Target target;
  private final ClassName type;
  private final ClassName changes;
  private final NameAllocator fields = new NameAllocator();
  private final Map<Component, String> elements = new HashMap<>();
  private boolean checksElements;
  private boolean checksKey;
  private boolean checksCollections;
  private boolean checksMaps;
  private boolean checksKeys;

  ChangesGenerator(InstanceModel model, Target target) {
    this.model = model;
    this.target = target;
    this.type = TypeNames.of(model.type());
    this.changes = TypeNames.of(model.changesName());
    model.components().forEach(c -> fields.newName(Names.variableName(c.name()), c));
    fields.newName("original", "original");
    List<Component> collections =
        model.dataComponents().stream().filter(c -> c.value().collection()).toList();
    List<String> names = Names.helperElements(collections.stream().map(Component::name).toList());
    for (int i = 0; i < collections.size(); i++) {
      Component component = collections.get(i);
      elements.put(component, names.get(i));
      fields.newName(component.name() + "Copied", component.name() + "#copied");
      fields.newName("own" + Names.capitalize(component.name()), component.name() + "#own");
    }
  }

  JavaFile generate() {
    TypeSpec.Builder spec =
        GeneratedTypes.generatedClass(model, model.changesName(), target)
            .addJavadoc(
                "Typed changes to a {@link $T}, as passed to {@link $T#update}.\n",
                type,
                TypeNames.of(model.storeName()))
            .addJavadoc(
                "\n<p>Each setter replaces one component; the put, remove and add helpers"
                    + " edit a\n")
            .addJavadoc(
                "collection. {@link #build()} returns a new value and never modifies the"
                    + " one the\n")
            .addJavadoc(
                "changes started from. ID, version and timestamps are managed by the store"
                    + " and\n")
            .addJavadoc("cannot be changed here. Not thread-safe.\n")
            .addField(type, "original", Modifier.PRIVATE, Modifier.FINAL);
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(type, "original")
            .addStatement("this.original = original");
    for (Component component : model.dataComponents()) {
      spec.addField(TypeNames.declared(component), fields.get(component), Modifier.PRIVATE);
      constructor.addStatement(
          "this.$L = $L", fields.get(component), TypeNames.readFrom(model, component, "original"));
      if (component.value().collection()) {
        spec.addField(TypeName.BOOLEAN, copiedFlag(component), Modifier.PRIVATE);
      }
    }
    spec.addMethod(constructor.build())
        .addMethod(
            MethodSpec.methodBuilder("of")
                .addJavadoc("Changes starting from {@code original}, which is never modified.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(changes)
                .addParameter(type, "original")
                .addStatement("return new $T(original)", changes)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("original")
                .addJavadoc("The value these changes started from.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement("return original")
                .build());
    boolean checksNull = false;
    for (Component component : model.dataComponents()) {
      spec.addMethod(getter(component)).addMethod(setter(component));
      if (component.value().collection()) {
        spec.addMethods(helpers(component)).addMethod(ownCopy(component));
      }
      checksNull |= checksNull(component);
    }
    spec.addMethod(build());
    if (checksNull) {
      spec.addMethod(required());
    }
    if (checksElements) {
      spec.addMethod(nullGuard(ELEMENT, NO_NULL_ELEMENT));
    }
    if (checksKey) {
      spec.addMethod(nullGuard(KEY, NO_NULL_KEY));
    }
    if (checksCollections) {
      spec.addMethod(nonNull(ELEMENTS, Collection.class, "value.contains(null)", NO_NULL_ELEMENTS));
    }
    if (checksMaps) {
      spec.addMethod(
          nonNull(
              ELEMENTS,
              Map.class,
              "value.containsKey(null) || value.containsValue(null)",
              NO_NULL_ENTRIES));
    }
    if (checksKeys) {
      spec.addMethod(nonNull(KEYS, Map.class, "value.containsKey(null)", NO_NULL_KEY));
    }
    return JavaFile.builder(changes.packageName(), spec.build()).skipJavaLangImports(true).build();
  }

  private MethodSpec getter(Component component) {
    String field = fields.get(component);
    CodeBlock value = CodeBlock.of("$L", field);
    if (component.value().collection()) {
      CodeBlock view = CodeBlock.of("$T.$L($L)", Collections.class, unmodifiable(component), field);
      value = component.nullable() ? CodeBlock.of("$L == null ? null : $L", field, view) : view;
    }
    return MethodSpec.methodBuilder(component.javaName())
        .addJavadoc(
            "The {@code $L} the built value will have$L.\n",
            component.name(),
            component.value().collection() ? " (a read-only view)" : "")
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeNames.declared(component))
        .addStatement("return $L", value)
        .build();
  }

  private MethodSpec setter(Component component) {
    String field = fields.get(component);
    String parameter = parameterName(Names.variableName(component.name()), "value");
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(component.javaName())
            .addModifiers(Modifier.PUBLIC)
            .returns(changes)
            .addParameter(TypeNames.declared(component), parameter);
    CodeBlock value =
        checksNull(component)
            ? CodeBlock.of("$L($L, $S)", REQUIRED, parameter, component.name())
            : CodeBlock.of("$L", parameter);
    String check = component.value().collection() ? copyCheck(component.value()) : null;
    if (component.value().collection()) {
      CodeBlock copy = copyOf(component, value);
      if (check != null) {
        // NullAway infers the check's type variable without the copy's @Nullable arguments.
        copy =
            TypeNames.hasNullableArguments(component.type())
                ? CodeBlock.of(
                    "$T.<$T>$L($L, $S)",
                    changes,
                    copyType(component),
                    check,
                    copy,
                    component.name())
                : CodeBlock.of("$L($L, $S)", check, copy, component.name());
      }
      method
          .addJavadoc(
              "Replaces {@code $L} with a copy of {@code $L}$L.\n",
              component.name(),
              parameter,
              nullRule(component))
          .addStatement(
              "this.$L = $L",
              field,
              component.nullable() ? CodeBlock.of("$L == null ? null : $L", parameter, copy) : copy)
          .addStatement("this.$L = true", copiedFlag(component));
    } else {
      method
          .addJavadoc("Sets {@code $L}$L.\n", component.name(), nullRule(component))
          .addStatement("this.$L = $L", field, value);
    }
    if (check != null) {
      method.addJavadoc(
          "\n@throws $T if {@code $L}$L holds $L\n",
          GeneratedTypes.MISUSE,
          parameter,
          checksNull(component) ? " is null or" : "",
          check.equals(KEYS) ? "a null key" : "null");
    } else if (checksNull(component)) {
      method.addJavadoc("\n@throws $T if {@code $L} is null\n", GeneratedTypes.MISUSE, parameter);
    }
    return method.addStatement("return this").build();
  }

  /** Whether the setter must refuse null: a Java caller can pass it where Kotlin cannot. */
  private static boolean checksNull(Component component) {
    return !component.nullable() && component.type() instanceof TypeRef.Declared;
  }

  private static String nullRule(Component component) {
    return checksNull(component) ? "; it must not be null" : "";
  }

  /**
   * The value, or a {@code MisuseException} naming the component if it is null; the advice holds in
   * Java and in Kotlin, where a caller passes null through a platform type (a value from Java).
   */
  private MethodSpec required() {
    return nullGuard(
        REQUIRED,
        "' of "
            + type.simpleName()
            + " is not nullable and cannot be set to null; pass a value, or declare the component"
            + " nullable (@Nullable in Java, a type ending in ? in Kotlin)");
  }

  /**
   * The helper that checks a copy of {@code value} for null where the document cannot hold it, or
   * null where every element may be null (Kotlin's {@code List<String?>}); map keys never may.
   */
  private @Nullable String copyCheck(ValueType value) {
    if (value instanceof ValueType.MapValue map) {
      if (map.valueType().nullable()) {
        checksKeys = true;
        return KEYS;
      }
      checksMaps = true;
      return ELEMENTS;
    }
    if (elementType(value).nullable()) {
      return null;
    }
    checksCollections = true;
    return ELEMENTS;
  }

  private static TypeRef elementType(ValueType value) {
    return value instanceof ValueType.ListValue list
        ? list.elementType()
        : ((ValueType.SetValue) value).elementType();
  }

  /** {@code value}, or a call of the null guard on it if {@code type} does not admit null. */
  private CodeBlock guarded(String value, TypeRef type, String component) {
    if (type.nullable()) {
      return CodeBlock.of("$L", value);
    }
    checksElements = true;
    return CodeBlock.of("$L($L, $S)", ELEMENT, value, component);
  }

  /** {@code key}, or a call of the guard that refuses a null map key. */
  private CodeBlock guardedKey(String key, String component) {
    checksKey = true;
    return CodeBlock.of("$L($L, $S)", KEY, key, component);
  }

  /**
   * A helper {@code name(value, component)} that returns the value or throws, saying {@code why}.
   */
  private static MethodSpec nullGuard(String name, String why) {
    TypeVariableName value = TypeVariableName.get("V");
    return guard(name, value, TypeNames.nullable(value), "value == null", why);
  }

  /** The copied collection or map, or a {@code MisuseException} if it holds null. */
  private static MethodSpec nonNull(String name, Class<?> kind, String holdsNull, String why) {
    TypeName anything = WildcardTypeName.subtypeOf(Object.class);
    TypeVariableName copy =
        TypeVariableName.get(
            "C",
            kind == Map.class
                ? ParameterizedTypeName.get(ClassName.get(Map.class), anything, anything)
                : ParameterizedTypeName.get(ClassName.get(Collection.class), anything));
    return guard(name, copy, copy, holdsNull, why);
  }

  /**
   * A helper {@code name(value, component)} generic in {@code variable} that returns the value
   * unless {@code refused} holds of it, and then throws a {@code MisuseException} saying {@code
   * why} about the component.
   */
  private static MethodSpec guard(
      String name, TypeVariableName variable, TypeName parameter, String refused, String why) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addTypeVariable(variable)
        .returns(variable)
        .addParameter(ParameterSpec.builder(parameter, "value").build())
        .addParameter(String.class, "component")
        .beginControlFlow("if ($L)", refused)
        .addStatement(
            "throw new $T($S + component + $S)", GeneratedTypes.MISUSE, "component '", why)
        .endControlFlow()
        .addStatement("return value")
        .build();
  }

  private List<MethodSpec> helpers(Component component) {
    String element = Objects.requireNonNull(elements.get(component));
    String own = ownCopyName(component);
    if (component.value() instanceof ValueType.MapValue map) {
      return List.of(
          MethodSpec.methodBuilder("put" + element)
              .addJavadoc("Maps {@code key} to {@code value} in {@code $L}.\n", component.name())
              .addModifiers(Modifier.PUBLIC)
              .returns(changes)
              .addJavadoc(
                  "\n@throws $T if $L is null\n",
                  GeneratedTypes.MISUSE,
                  map.valueType().nullable() ? "{@code key}" : "either")
              .addParameter(TypeNames.of(map.keyType()), "key")
              .addParameter(TypeNames.of(map.valueType()), "value")
              .addStatement(
                  "$L().put($L, $L)",
                  own,
                  guardedKey("key", component.name()),
                  guarded("value", map.valueType(), component.name()))
              .addStatement("return this")
              .build(),
          MethodSpec.methodBuilder("remove" + element)
              .addJavadoc("Removes {@code key} from {@code $L}, if present.\n", component.name())
              .addModifiers(Modifier.PUBLIC)
              .returns(changes)
              .addParameter(TypeNames.of(map.keyType()), "key")
              .addStatement("$L().remove(key)", own)
              .addStatement("return this")
              .build());
    }
    String parameter = parameterName(Names.decapitalize(element), "element");
    TypeRef elementType = elementType(component.value());
    MethodSpec.Builder add =
        MethodSpec.methodBuilder("add" + element)
            .addJavadoc("Adds {@code $L} to {@link #$L()}.\n", parameter, component.javaName());
    if (!elementType.nullable()) {
      add.addJavadoc("\n@throws $T if {@code $L} is null\n", GeneratedTypes.MISUSE, parameter);
    }
    return List.of(
        add.addModifiers(Modifier.PUBLIC)
            .returns(changes)
            .addParameter(TypeNames.of(elementType), parameter)
            .addStatement("$L().add($L)", own, guarded(parameter, elementType, component.name()))
            .addStatement("return this")
            .build());
  }

  /** {@code name}, or {@code fallback} where Java or Kotlin could not use {@code name}. */
  private static String parameterName(String name, String fallback) {
    return Names.isUsableIdentifier(name) ? name : fallback;
  }

  /** The collection to edit: copied on the first edit after construction or {@code build()}. */
  private MethodSpec ownCopy(Component component) {
    String field = fields.get(component);
    String flag = copiedFlag(component);
    CodeBlock copy = copyOf(component, CodeBlock.of("$L", field));
    return MethodSpec.methodBuilder(ownCopyName(component))
        .addModifiers(Modifier.PRIVATE)
        .returns(TypeNames.plain(component))
        .beginControlFlow("if (!$L)", flag)
        .addStatement(
            "$L = $L",
            field,
            component.nullable()
                ? CodeBlock.of("$L == null ? new $T<>() : $L", field, copyClass(component), copy)
                : copy)
        .addStatement("$L = true", flag)
        .endControlFlow()
        .addStatement(
            "return $L",
            component.nullable()
                ? CodeBlock.of("$T.requireNonNull($L)", Objects.class, field)
                : CodeBlock.of("$L", field))
        .build();
  }

  private MethodSpec build() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("build")
            .addJavadoc(
                "A new {@link $T} with these changes; the ID, version and timestamps are"
                    + " the original's.\n",
                type)
            .addJavadoc("Later edits to these changes do not affect the value returned.\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(type);
    for (Component component : model.dataComponents()) {
      if (component.value().collection()) {
        method.addStatement("$L = false", copiedFlag(component));
      }
    }
    CodeBlock arguments =
        model.components().stream()
            .map(
                c ->
                    c.role() == Component.Role.DATA
                        ? CodeBlock.of("$L", fields.get(c))
                        : TypeNames.readFrom(model, c, "original"))
            .collect(CodeBlock.joining(", "));
    return method.addStatement("return new $T($L)", type, arguments).build();
  }

  private String copiedFlag(Component component) {
    return fields.get(component.name() + "#copied");
  }

  private String ownCopyName(Component component) {
    return fields.get(component.name() + "#own");
  }

  /**
   * A new copy of {@code value}, of {@link #copyType}: with the component's type arguments spelled
   * where one admits null, which NullAway does not infer ({@code new LinkedHashMap<>(map)} of a
   * {@code Map<String, @Nullable Integer>} would be a {@code LinkedHashMap<String, Integer>}).
   */
  private static CodeBlock copyOf(Component component, CodeBlock value) {
    return TypeNames.hasNullableArguments(component.type())
        ? CodeBlock.of("new $T($L)", copyType(component), value)
        : CodeBlock.of("new $T<>($L)", copyClass(component), value);
  }

  /** The type of a copy of {@code component}'s collection: {@link #copyClass} of its arguments. */
  private static TypeName copyType(Component component) {
    TypeName[] arguments =
        ((TypeRef.Declared) component.type())
            .arguments().stream().map(TypeNames::of).toArray(TypeName[]::new);
    return ParameterizedTypeName.get(ClassName.get(copyClass(component)), arguments);
  }

  private static Class<?> copyClass(Component component) {
    if (component.value() instanceof ValueType.MapValue) {
      return LinkedHashMap.class;
    }
    return component.value() instanceof ValueType.SetValue ? LinkedHashSet.class : ArrayList.class;
  }

  private static String unmodifiable(Component component) {
    if (component.value() instanceof ValueType.MapValue) {
      return "unmodifiableMap";
    }
    return component.value() instanceof ValueType.SetValue ? "unmodifiableSet" : "unmodifiableList";
  }
}
