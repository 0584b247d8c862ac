package dev.burrow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.burrow.spi.PathSegments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/** Reads one {@code @Instance} type into an {@link InstanceModel}, reporting every problem. */
final class InstanceReader {
  static final String INSTANCE = "dev.burrow.Instance";
  private static final String DEFAULT = "dev.burrow.Default";
  private static final Map<String, Component.Role> ROLES = roles();
  /** Generated members of {@code XChanges} that a component's getter would clash with. */
  private static final Set<String> CHANGES_MEMBERS = Set.of("build", "original", "of");

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final TypeAnalyzer analyzer;

  InstanceReader(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.analyzer = new TypeAnalyzer(types, elements);
  }

  /** Whether every component type is resolved; if not, another round may generate it. */
  static boolean resolved(TypeElement type) {
    return type.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.RECORD_COMPONENT)
        .noneMatch(e -> TypeAnalyzer.unresolved(e.asType()));
  }

  /** Reports each unresolved component type of {@code type}, in the last round. */
  void reportUnresolved(TypeElement type) {
    type.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.RECORD_COMPONENT)
        .filter(e -> TypeAnalyzer.unresolved(e.asType()))
        .forEach(e -> reporter.error(e, Messages.unresolvedType(e.getSimpleName().toString(), e.asType().toString())));
  }

  Optional<InstanceModel> read(TypeElement type) {
    int errorsBefore = reporter.errorCount();
    String typeName = type.getSimpleName().toString();
    Optional<List<SourceComponent>> sources = sources(type, typeName);
    if (sources.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror instance = annotation(type, INSTANCE).orElseThrow();
    Map<String, AnnotationValue> values = values(instance);
    String kindName = (String) values.get("name").getValue();
    if (!PortableNames.isKindName(kindName)) {
      reporter.error(type, instance, values.get("name"), Messages.invalidKindName(kindName));
    }
    String env = (String) values.get("dataRootEnv").getValue();
    if (!env.isEmpty() && !PortableNames.isEnvironmentVariable(env)) {
      reporter.error(type, instance, values.get("dataRootEnv"), Messages.invalidEnvironmentVariable(env));
    }
    String defaultRoot = (String) values.get("defaultDataRoot").getValue();
    ClassName className = ClassName.get(type);
    List<InstanceModel.Subdirectory> subdirectories = subdirectories(type, instance, values.get("subdirectories"), className);
    List<Component> components = components(type, typeName, sources.get());
    checkGeneratedNames(type, className, components);
    if (elements.getTypeElement(GeneratedTypes.INSTANCE_STORE.canonicalName()) == null) {
      reporter.error(type, Messages.runtimeMissing(typeName));
    }
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new InstanceModel(
            type,
            className,
            type.getKind() == ElementKind.CLASS,
            kindName,
            subdirectories,
            env.isEmpty() ? null : env,
            defaultRoot.isEmpty() ? "~/.burrow/" + kindName : defaultRoot,
            enumConstant(values.get("idKind")),
            enumConstant(values.get("unknownFields")),
            components));
  }

  private Optional<List<SourceComponent>> sources(TypeElement type, String typeName) {
    boolean ok = true;
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(type, Messages.generic(typeName));
      ok = false;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(type, Messages.notAccessible(typeName));
        ok = false;
        break;
      }
    }
    if (type.getKind() == ElementKind.RECORD) {
      return ok ? Optional.of(SourceComponent.ofRecord(type)) : Optional.empty();
    }
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(type, Messages.unsupportedKind(typeName, describe(type)));
      return Optional.empty();
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(type, Messages.innerClass(typeName));
      return Optional.empty();
    }
    return ok ? SourceComponent.ofClass(type, types, reporter) : Optional.empty();
  }

  private static String describe(TypeElement type) {
    switch (type.getKind()) {
      case INTERFACE:
        return "an interface";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return "an abstract class";
    }
  }

  private List<InstanceModel.Subdirectory> subdirectories(
      TypeElement type, AnnotationMirror instance, AnnotationValue value, ClassName className) {
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> names = (List<? extends AnnotationValue>) value.getValue();
    List<InstanceModel.Subdirectory> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> accessors = new HashSet<>(Set.of("root", "instanceId"));
    String dirsType = InstanceModel.generatedName(className, "Dirs").simpleName();
    for (AnnotationValue entry : names) {
      String name = (String) entry.getValue();
      String violation = PathSegments.brokenRule(name);
      if (violation != null) {
        reporter.error(type, instance, entry, Messages.invalidSubdirectory(name, violation));
      } else if (!seen.add(name)) {
        reporter.error(type, instance, entry, Messages.duplicateSubdirectory(name));
      } else {
        String accessor = Names.subdirectoryAccessor(name);
        if (accessor.isEmpty() || !accessors.add(accessor)) {
          reporter.error(type, instance, entry, Messages.subdirectoryAccessor(name, dirsType));
        } else {
          result.add(new InstanceModel.Subdirectory(name, accessor));
        }
      }
    }
    return result;
  }

  private List<Component> components(TypeElement type, String typeName, List<SourceComponent> sources) {
    Map<Component.Role, Component> managed = new HashMap<>();
    List<Component> components = new ArrayList<>();
    for (SourceComponent source : sources) {
      component(source).ifPresent(component -> {
        Component first = managed.putIfAbsent(component.role(), component);
        if (first != null && component.role() != Component.Role.DATA) {
          reporter.error(source.element(), Messages.duplicateRole(roleAnnotation(component.role()), first.name(), component.name()));
        }
        components.add(component);
      });
    }
    if (!managed.containsKey(Component.Role.ID) && components.size() == sources.size()) {
      reporter.error(type, Messages.missingId(typeName));
    }
    if (!managed.containsKey(Component.Role.VERSION) && components.size() == sources.size()) {
      reporter.error(type, Messages.missingVersion(typeName));
    }
    return components;
  }

  private Optional<Component> component(SourceComponent source) {
    String name = source.name();
    Map<String, AnnotationMirror> annotations = new LinkedHashMap<>();
    for (Element element : source.annotated()) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        annotations.putIfAbsent(qualifiedName(mirror), mirror);
      }
    }
    Component.Role role = Component.Role.DATA;
    for (Map.Entry<String, Component.Role> candidate : ROLES.entrySet()) {
      if (annotations.containsKey(candidate.getKey())) {
        if (role != Component.Role.DATA) {
          reporter.error(source.element(), Messages.severalRoles(name, roleAnnotation(role), roleAnnotation(candidate.getValue())));
          return Optional.empty();
        }
        role = candidate.getValue();
      }
    }
    boolean nullable = nullable(source);
    TypeMirror type = source.type();
    String typeText = TypeName.get(type).toString();
    ValueType value;
    try {
      value = analyzer.analyze(type);
    } catch (TypeAnalyzer.UnsupportedTypeException e) {
      reporter.error(source.element(), Messages.unsupportedType(name, typeText, e.getMessage()));
      return Optional.empty();
    }
    if (!roleTypeValid(source, role, value, nullable, typeText)) {
      return Optional.empty();
    }
    @Nullable CodeBlock explicitDefault = null;
    AnnotationMirror defaultMirror = annotations.get(DEFAULT);
    if (defaultMirror != null) {
      if (role != Component.Role.DATA) {
        reporter.error(annotated(source, DEFAULT), defaultMirror, null, Messages.defaultOnManaged(name, roleAnnotation(role)));
        return Optional.empty();
      }
      explicitDefault = parseDefault(source, defaultMirror, value, typeText);
      if (explicitDefault == null) {
        return Optional.empty();
      }
    } else if (role == Component.Role.DATA && !nullable && value.naturalDefault() == null) {
      boolean literal = value instanceof ValueType.Scalar || value instanceof ValueType.EnumValue;
      reporter.error(source.element(), Messages.noDefault(name, typeText, literal));
      return Optional.empty();
    }
    return Optional.of(
        new Component(name, TypeName.get(type), role, nullable, value, source.accessor(), explicitDefault, Names.constantName(name)));
  }

  private boolean roleTypeValid(SourceComponent source, Component.Role role, ValueType value, boolean nullable, String typeText) {
    String name = source.name();
    switch (role) {
      case ID:
        if (nullable || !value.equals(new ValueType.Scalar(ScalarType.STRING))) {
          reporter.error(source.element(), Messages.idType(name, typeText));
          return false;
        }
        return true;
      case VERSION:
        if (source.type().getKind() != TypeKind.LONG) {
          reporter.error(source.element(), Messages.versionType(name, typeText));
          return false;
        }
        return true;
      case CREATED_AT:
      case UPDATED_AT:
        if (!value.equals(new ValueType.Scalar(ScalarType.INSTANT))) {
          reporter.error(source.element(), Messages.timestampType(roleAnnotation(role), name, typeText));
          return false;
        }
        return true;
      default:
        return true;
    }
  }

  private @Nullable CodeBlock parseDefault(SourceComponent source, AnnotationMirror mirror, ValueType value, String typeText) {
    AnnotationValue literalValue = values(mirror).get("value");
    String literal = (String) literalValue.getValue();
    Element element = annotated(source, DEFAULT);
    if (value instanceof ValueType.EnumValue) {
      ValueType.EnumValue enumValue = (ValueType.EnumValue) value;
      if (!enumValue.constants().contains(literal)) {
        reporter.error(element, mirror, literalValue,
            Messages.defaultNotEnumConstant(literal, source.name(), typeText, String.join(", ", enumValue.constants())));
        return null;
      }
      return CodeBlock.of("$T.$L", enumValue.type(), literal);
    }
    if (!(value instanceof ValueType.Scalar)) {
      reporter.error(element, mirror, literalValue, Messages.defaultNotSupported(source.name(), typeText));
      return null;
    }
    ScalarType scalar = ((ValueType.Scalar) value).type();
    try {
      return scalar.literal(literal);
    } catch (RuntimeException e) {
      reporter.error(element, mirror, literalValue, Messages.defaultNotParsable(literal, source.name(), typeText, scalar.literalForm()));
      return null;
    }
  }

  private void checkGeneratedNames(TypeElement type, ClassName className, List<Component> components) {
    for (String suffix : List.of("Schema", "Store", "Changes", "Dirs")) {
      ClassName generated = InstanceModel.generatedName(className, suffix);
      if (elements.getTypeElement(generated.canonicalName()) != null) {
        reporter.error(type, Messages.typeClash(generated.canonicalName(), className.simpleName()));
      }
    }
    String schema = InstanceModel.generatedName(className, "Schema").simpleName();
    String changes = InstanceModel.generatedName(className, "Changes").simpleName();
    Map<String, String> constants = new HashMap<>();
    constants.put("INSTANCE", schema + ".INSTANCE");
    for (Component component : components) {
      String taken = constants.putIfAbsent(
          component.constant(), schema + "." + component.constant() + " of component '" + component.name() + "'");
      if (taken != null) {
        reporter.error(type, Messages.memberClash(component.name(), taken));
      }
      if (component.role() == Component.Role.DATA && CHANGES_MEMBERS.contains(component.name())) {
        reporter.error(type, Messages.memberClash(component.name(), changes + "." + component.name() + "()"));
      }
    }
  }

  private boolean nullable(SourceComponent source) {
    List<AnnotationMirror> mirrors = new ArrayList<>(source.type().getAnnotationMirrors());
    source.annotated().forEach(e -> mirrors.addAll(e.getAnnotationMirrors()));
    return mirrors.stream()
        .anyMatch(m -> m.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable"));
  }

  private static Element annotated(SourceComponent source, String annotation) {
    return source.annotated().stream()
        .filter(e -> e.getAnnotationMirrors().stream().anyMatch(m -> qualifiedName(m).equals(annotation)))
        .findFirst()
        .orElse(source.element());
  }

  private static Optional<AnnotationMirror> annotation(Element element, String name) {
    return element.getAnnotationMirrors().stream()
        .filter(m -> qualifiedName(m).equals(name))
        .<AnnotationMirror>map(m -> m)
        .findFirst();
  }

  private static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  private Map<String, AnnotationValue> values(AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new HashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(entry.getKey().getSimpleName().toString(), entry.getValue());
    }
    return values;
  }

  private static String enumConstant(AnnotationValue value) {
    return ((Element) value.getValue()).getSimpleName().toString();
  }

  private static Map<String, Component.Role> roles() {
    Map<String, Component.Role> roles = new LinkedHashMap<>();
    roles.put("dev.burrow.InstanceId", Component.Role.ID);
    roles.put("dev.burrow.Version", Component.Role.VERSION);
    roles.put("dev.burrow.CreatedAt", Component.Role.CREATED_AT);
    roles.put("dev.burrow.UpdatedAt", Component.Role.UPDATED_AT);
    return roles;
  }

  private static String roleAnnotation(Component.Role role) {
    return ROLES.entrySet().stream()
        .filter(e -> e.getValue() == role)
        .map(e -> "@" + e.getKey().substring(e.getKey().lastIndexOf('.') + 1))
        .findFirst()
        .orElseThrow();
  }
}
