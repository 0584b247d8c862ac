package dev.burrow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Names;
import dev.burrow.processor.model.TypeRef;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The members {@code XSchema} gets when the class's constructor computes some components' defaults
 * (Kotlin default values): a handle of the class's synthetic defaults constructor, and a {@code
 * construct} method that calls it with one mask bit per component whose default the class is to
 * compute, in constructor order, 32 to a mask.
 */
final class ConstructorDefaults {
  private static final String HANDLE = "defaultsConstructor";
  private static final String CONSTRUCT = "construct";

  private final InstanceModel model;
  private final ClassName type;

  ConstructorDefaults(InstanceModel model) {
    this.model = model;
    this.type = TypeNames.of(model.type());
  }

  /** How many masks the constructor takes: one per 32 components. */
  int maskCount() {
    return (model.components().size() + Integer.SIZE - 1) / Integer.SIZE;
  }

  /** Mask {@code mask} with the bit of every component whose default the class computes. */
  CodeBlock allDefaults(int mask) {
    List<CodeBlock> bits = new ArrayList<>();
    for (Component component : model.components()) {
      if (component.constructorDefault() && mask(component) == mask) {
        bits.add(bit(component));
      }
    }
    if (bits.isEmpty()) {
      return CodeBlock.of("0");
    }
    return bits.size() == 1
        ? bits.get(0)
        : bits.stream().map(b -> CodeBlock.of("($L)", b)).collect(CodeBlock.joining(" | "));
  }

  /** Which mask holds {@code component}'s bit. */
  int mask(Component component) {
    return model.components().indexOf(component) / Integer.SIZE;
  }

  /** {@code component}'s bit in its mask, such as {@code 1 << 4}. */
  CodeBlock bit(Component component) {
    return CodeBlock.of("1 << $L", model.components().indexOf(component) % Integer.SIZE);
  }

  /**
   * What is passed for a component whose default the class computes, and ignored: zero, false or
   * null.
   */
  static CodeBlock placeholder(Component component) {
    if (component.type() instanceof TypeRef.Primitive) {
      return Objects.requireNonNull(ValueCode.naturalDefault(component.value()));
    }
    return CodeBlock.of("null");
  }

  /** The type of a variable that holds {@code component} or its placeholder. */
  static TypeName placeholderType(Component component) {
    return component.constructorDefault()
        ? TypeNames.of(component.type().withNullable(true))
        : TypeNames.declared(component);
  }

  /** {@code construct(arguments..., masks...)}. */
  static CodeBlock call(List<CodeBlock> arguments, List<CodeBlock> masks) {
    List<CodeBlock> all = new ArrayList<>(arguments);
    all.addAll(masks);
    return CodeBlock.of("$L($L)", CONSTRUCT, CodeBlock.join(all, ", "));
  }

  FieldSpec handle() {
    CodeBlock.Builder parameters = CodeBlock.builder();
    for (Component component : model.components()) {
      parameters.add(", $T.class", erasure(component.type()));
    }
    return FieldSpec.builder(MethodHandle.class, HANDLE, Modifier.PRIVATE, Modifier.STATIC)
        .addModifiers(Modifier.FINAL)
        .initializer(
            "$T.constructor($T.lookup(), $T.class$L)",
            GeneratedTypes.KOTLIN_DEFAULTS,
            MethodHandles.class,
            type,
            parameters.build())
        .build();
  }

  MethodSpec construct() {
    NameAllocator names = new NameAllocator();
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(CONSTRUCT)
            .addJavadoc(
                "A new {@link $T}; the class computes the default of each component whose bit is"
                    + " set in the masks.\n",
                type)
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(type);
    List<CodeBlock> arguments = new ArrayList<>();
    for (Component component : model.components()) {
      String name = names.newName(Names.variableName(component.name()), component);
      method.addParameter(ParameterSpec.builder(placeholderType(component), name).build());
      arguments.add(CodeBlock.of("$L", name));
    }
    for (int mask = 0; mask < maskCount(); mask++) {
      String name = names.newName("defaults" + mask);
      method.addParameter(int.class, name);
      arguments.add(CodeBlock.of("$L", name));
    }
    String thrown = names.newName("e");
    return method
        .beginControlFlow("try")
        .addStatement(
            "return ($T) $L.invokeExact($L)", type, HANDLE, CodeBlock.join(arguments, ", "))
        .nextControlFlow("catch ($T $L)", Throwable.class, thrown)
        .addStatement("throw $T.rethrow($L)", GeneratedTypes.KOTLIN_DEFAULTS, thrown)
        .endControlFlow()
        .build();
  }

  /** The class of {@code type} as the JVM sees it in a constructor's descriptor. */
  private static TypeName erasure(TypeRef type) {
    return type instanceof TypeRef.Declared declared
        ? TypeNames.of(declared.type())
        : TypeNames.of(type);
  }
}
