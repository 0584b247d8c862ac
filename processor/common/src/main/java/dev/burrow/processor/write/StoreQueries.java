package dev.burrow.processor.write;

import static dev.burrow.processor.write.StoreMethods.method;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Generates the queries of the {@code @Indexed} components: {@code where}, and {@code findByX},
 * {@code streamByX} and {@code countByX} for each; nothing where no component is indexed.
 */
final class StoreQueries {
  private StoreQueries() {}

  /** The methods of the store of {@code type} instances, described by {@code model}. */
  static List<MethodSpec> methods(InstanceModel model, ClassName type) {
    if (model.indexedComponents().isEmpty()) {
      return List.of();
    }
    ClassName index = TypeNames.of(model.indexName());
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(
        method(
                "where",
                ParameterizedTypeName.get(GeneratedTypes.QUERY, type),
                "The instances whose indexed component matches {@code condition}, made from a"
                    + " constant of {@link $T}; add conditions with {@link $T#and} (all must"
                    + " match), then read a page, a stream or a count, newest first: {@code"
                    + " where($T.A.equalTo(a)).and($T.B.equalTo(b)).list(PageRequest.first(50))}."
                    + " Every instance whose stored document matches while the query runs is"
                    + " returned, none twice, none that does not match; only the documents the"
                    + " indexes name are read. Cheap: reads nothing until the query runs."
                    + "\n\n@throws dev.burrow.MisuseException if the condition's component is not"
                    + " one of this store's indexes (a field made by hand rather than a constant"
                    + " of {@link $T})",
                index,
                GeneratedTypes.QUERY,
                index,
                index,
                index)
            .addParameter(ParameterizedTypeName.get(GeneratedTypes.CONDITION, type), "condition")
            .addStatement("return engine.where(condition)")
            .build());
    for (Component component : model.indexedComponents()) {
      methods.addAll(finders(component, index, type));
    }
    return methods;
  }

  private static List<MethodSpec> finders(Component component, ClassName index, ClassName type) {
    String name = Names.finderSuffix(component.name());
    String value = Names.variableName(component.javaName());
    String request = value.equals("request") ? "pageRequest" : "request";
    // a parameter named engine hides the field
    String engine = value.equals("engine") ? "this.engine" : "engine";
    CodeBlock query =
        CodeBlock.of("$L.where($T.$L.equalTo($L))", engine, index, component.constant(), value);
    TypeName declared = TypeNames.declared(component);
    CodeBlock checked =
        component.nullable() || declared.isPrimitive()
            ? CodeBlock.of("")
            : CodeBlock.of("$T.requireNonNull($L, $S);\n", Objects.class, value, value);
    String matching =
        "instances whose {@code "
            + component.name()
            + "} is {@code "
            + value
            + "}"
            + (component.nullable() ? " (null: those without one)" : "")
            + ", newest first";
    String guarantee =
        " Every instance whose stored document matches while the call runs is included, none"
            + " twice, none that does not match. Reads only the matching documents, through the"
            + " index of {@code "
            + component.name()
            + "}.";
    return List.of(
        method(
                "findBy" + name,
                ParameterizedTypeName.get(GeneratedTypes.PAGE, type),
                "One page of the "
                    + matching
                    + ", with a report for each damaged one on it; pass {@link $T#next()} back for"
                    + " the following page, as with {@link #list(PageRequest)}."
                    + guarantee
                    + "\n\n@throws IllegalArgumentException if the request's cursor is not a cursor"
                    + " of a Burrow listing (garbage, truncated, or of another format); a cursor"
                    + " of another kind or backend is not refused and only names a position",
                GeneratedTypes.PAGE)
            .addParameter(declared, value)
            .addParameter(GeneratedTypes.PAGE_REQUEST, request)
            .addCode(checked)
            .addStatement("return $L.list($L)", query, request)
            .build(),
        method(
                "streamBy" + name,
                ParameterizedTypeName.get(ClassName.get(Stream.class), type),
                "Every one of the "
                    + matching
                    + ", read lazily one page at a time; a damaged document is skipped and"
                    + " reported to the options' corruption listener."
                    + guarantee)
            .addParameter(declared, value)
            .addCode(checked)
            .addStatement("return $L.stream()", query)
            .build(),
        method(
                "countBy" + name,
                TypeName.LONG,
                "The number of "
                    + matching.replace(", newest first", "")
                    + ", counted through the index of {@code "
                    + component.name()
                    + "} (on the filesystem, each matching document is read to verify it).")
            .addParameter(declared, value)
            .addCode(checked)
            .addStatement("return $L.count()", query)
            .build());
  }
}
