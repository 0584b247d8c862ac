package dev.burrow.processor.rules;

import dev.burrow.processor.model.ScalarType;
import dev.burrow.processor.model.TypeRef;
import dev.burrow.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Decides how a component type is stored and how generated code spells it, or why it cannot be. */
final class TypeRules {
  private static final Set<String> OPTIONALS =
      Set.of(
          "java.util.Optional",
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble");

  private final Language language;

  TypeRules(Language language) {
    this.language = language;
  }

  /** Thrown for a type Burrow cannot store; the message is the advice for the user. */
  static final class UnsupportedTypeException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedTypeException(String advice) {
      super(advice, null, false, false);
    }

    String advice() {
      return String.valueOf(getMessage());
    }
  }

  /** How values of {@code type} are stored. */
  ValueType analyze(SourceType type) throws UnsupportedTypeException {
    TypeRef ref = ref(type);
    if (type instanceof SourceType.Primitive primitive) {
      return new ValueType.Scalar(ScalarType.of(primitive.kind()));
    }
    return declared((SourceType.Declared) type, (TypeRef.Declared) ref);
  }

  /** How generated code spells {@code type}; type arguments keep their nullness. */
  TypeRef ref(SourceType type) throws UnsupportedTypeException {
    if (type instanceof SourceType.Primitive primitive) {
      return new TypeRef.Primitive(primitive.kind());
    }
    if (type instanceof SourceType.Unsupported unsupported) {
      throw new UnsupportedTypeException(
          switch (unsupported.kind()) {
            case ARRAY -> Messages.arrayAdvice(language);
            case TYPE_VARIABLE -> Messages.TYPE_VARIABLE_ADVICE;
            case WILDCARD -> Messages.wildcardAdvice(language);
            case VALUE_CLASS -> Messages.valueClassAdvice();
            case PRIVATE -> Messages.privateTypeAdvice(unsupported.text());
            case OTHER -> Messages.OTHER_TYPE_ADVICE;
          });
    }
    SourceType.Declared declared = (SourceType.Declared) type;
    List<TypeRef> arguments = new ArrayList<>();
    for (SourceType argument : declared.arguments()) {
      arguments.add(ref(argument));
    }
    return new TypeRef.Declared(declared.name(), arguments, declared.nullable());
  }

  private ValueType declared(SourceType.Declared type, TypeRef.Declared ref)
      throws UnsupportedTypeException {
    String name = type.name().qualifiedName();
    var scalar = ScalarType.ofClass(name);
    if (scalar.isPresent()) {
      return new ValueType.Scalar(scalar.get());
    }
    if (type.shape() == SourceType.Shape.ENUM) {
      return new ValueType.EnumValue(ref.type(), type.enumConstants());
    }
    if (type.raw()) {
      throw new UnsupportedTypeException(Messages.RAW_TYPE_ADVICE);
    }
    List<SourceType> arguments = type.arguments();
    switch (name) {
      case "java.util.List" -> {
        return new ValueType.ListValue(ref.arguments().get(0), analyze(arguments.get(0)));
      }
      case "java.util.Set" -> {
        return new ValueType.SetValue(ref.arguments().get(0), analyze(arguments.get(0)));
      }
      case "java.util.Map" -> {
        ValueType key = analyze(arguments.get(0));
        if (!key.scalar()) {
          throw new UnsupportedTypeException(Messages.MAP_KEY_ADVICE);
        }
        if (ref.arguments().get(0).nullable()) {
          throw new UnsupportedTypeException(Messages.nullableMapKeyAdvice(language));
        }
        return new ValueType.MapValue(
            ref.arguments().get(0), key, ref.arguments().get(1), analyze(arguments.get(1)));
      }
      case "java.lang.Object" ->
          throw new UnsupportedTypeException(Messages.objectAdvice(language));
      default -> {
        // any other class: decided by its shape
      }
    }
    if (OPTIONALS.contains(name)) {
      throw new UnsupportedTypeException(Messages.optionalAdvice(language));
    }
    String unreadable = type.unreadable();
    if (unreadable != null) {
      throw new UnsupportedTypeException(unreadable);
    }
    return switch (type.shape()) {
      case COLLECTION -> throw new UnsupportedTypeException(Messages.COLLECTION_ADVICE);
      case ABSTRACT, KOTLIN_CLASS, ENUM, CLASS ->
          new ValueType.Nested(ref, type.kotlinClasses(), type.constructorNames());
    };
  }
}
