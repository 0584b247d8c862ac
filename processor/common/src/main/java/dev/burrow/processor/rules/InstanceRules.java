package dev.burrow.processor.rules;

import dev.burrow.Indexed;
import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.Names;
import dev.burrow.processor.model.PrimitiveKind;
import dev.burrow.processor.model.ScalarType;
import dev.burrow.processor.model.Target;
import dev.burrow.processor.model.TypeRef;
import dev.burrow.processor.model.ValueType;
import dev.burrow.spi.PathSegments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The rules every front end applies to an {@code @Instance} type it has read: each problem is
 * reported where it was written, and a type with any problem gives no model.
 */
public final class InstanceRules<L> {
  /** Jackson 3's Kotlin module, which reads Kotlin classes back. */
  public static final ClassRef JACKSON_KOTLIN_MODULE =
      ClassRef.of("tools.jackson.module.kotlin", "KotlinModule");

  /** Generated members of {@code XChanges} that a component's getter would clash with. */
  private static final Set<String> CHANGES_MEMBERS = Set.of("build", "original", "of");

  private final Diagnostics<L> diagnostics;
  private final Predicate<ClassRef> onClassPath;
  private final Predicate<ClassRef> readable;
  private final Language language;
  private final TypeRules types;
  private int errors;

  /**
   * Rules that report to {@code diagnostics}, learn from {@code onClassPath} which classes the
   * compilation offers and from {@code readable} which of them code in the checked type's module
   * can use (all, in the unnamed module), and spell their advice in {@code language}.
   */
  public InstanceRules(
      Diagnostics<L> diagnostics,
      Predicate<ClassRef> onClassPath,
      Predicate<ClassRef> readable,
      Language language) {
    this.diagnostics = diagnostics;
    this.onClassPath = onClassPath;
    this.readable = readable;
    this.language = language;
    this.types = new TypeRules(language);
  }

  /** The model of {@code source}, or empty after reporting why there is none. */
  public Optional<InstanceModel> check(InstanceSource<L> source) {
    int errorsBefore = errors;
    String kindName = source.kindName().value();
    if (!PortableNames.isKindName(kindName)) {
      error(source.kindName().location(), Messages.invalidKindName(kindName));
    }
    String env = source.dataRootEnv().value();
    if (!env.isEmpty() && !PortableNames.isEnvironmentVariable(env)) {
      error(source.dataRootEnv().location(), Messages.invalidEnvironmentVariable(env));
    }
    String defaultRoot = source.defaultDataRoot().value();
    @Nullable String variable = PortableNames.variableIn(defaultRoot);
    if (variable != null) {
      error(
          source.defaultDataRoot().location(), Messages.variableInDataRoot(defaultRoot, variable));
    }
    List<InstanceModel.Subdirectory> subdirectories = subdirectories(source);
    List<Component> components = components(source);
    checkGeneratedNames(source, components);
    if (!readable.test(Target.STORE_ENGINE)) {
      String type = source.type().simpleName();
      String module = source.module();
      error(
          source.location(),
          module == null ? Messages.runtimeMissing(type) : Messages.runtimeNotRead(type, module));
    }
    if (errors > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new InstanceModel(
            source.type(),
            kindName,
            subdirectories,
            env.isEmpty() ? null : env,
            defaultRoot.isEmpty() ? "~/.burrow/" + kindName : defaultRoot,
            source.idKind(),
            source.unknownFields(),
            components,
            hiddenJavaLangTypes(source.type(), components),
            List.of(),
            language == Language.KOTLIN));
  }

  /**
   * The {@code java.lang} types generated code for {@code components} names that a type of {@code
   * type}'s package hides: Java resolves a simple name to its own package's type first.
   */
  private Set<String> hiddenJavaLangTypes(ClassRef type, List<Component> components) {
    return InstanceModel.javaLangTypes(components).stream()
        .filter(name -> onClassPath.test(ClassRef.of(type.packageName(), name)))
        .collect(Collectors.toSet());
  }

  private void error(L location, String message) {
    errors++;
    diagnostics.error(location, message);
  }

  private List<InstanceModel.Subdirectory> subdirectories(InstanceSource<L> source) {
    List<InstanceModel.Subdirectory> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> accessors = new HashSet<>(Set.of("root", "instanceId"));
    String dirsType = source.type().generated("Dirs").simpleName();
    for (Located<String, L> entry : source.subdirectories()) {
      String subdirectory = entry.value();
      String violation = PathSegments.brokenRule(subdirectory);
      if (violation != null) {
        error(entry.location(), Messages.invalidSubdirectory(subdirectory, violation));
      } else if (subdirectory.equalsIgnoreCase(Messages.DOCUMENT_FILE)) {
        error(entry.location(), Messages.documentSubdirectory(subdirectory));
      } else if (!seen.add(subdirectory)) {
        error(entry.location(), Messages.duplicateSubdirectory(subdirectory));
      } else {
        String accessor = Names.subdirectoryAccessor(subdirectory);
        if (accessor.isEmpty() || !accessors.add(accessor)) {
          error(entry.location(), Messages.subdirectoryAccessor(subdirectory, dirsType));
        } else {
          result.add(new InstanceModel.Subdirectory(subdirectory, accessor));
        }
      }
    }
    return result;
  }

  private List<Component> components(InstanceSource<L> source) {
    Map<Component.Role, Component> managed = new HashMap<>();
    List<Component> components = new ArrayList<>();
    for (ComponentSource<L> componentSource : source.components()) {
      component(componentSource)
          .ifPresent(
              component -> {
                Component first = managed.putIfAbsent(component.role(), component);
                if (first != null && component.role() != Component.Role.DATA) {
                  error(
                      componentSource.location(),
                      Messages.duplicateRole(
                          component.role().annotation(), first.name(), component.name()));
                }
                components.add(component);
              });
    }
    boolean complete = components.size() == source.components().size();
    String typeName = source.type().simpleName();
    if (!managed.containsKey(Component.Role.ID) && complete) {
      error(source.location(), Messages.missingId(typeName, language));
    }
    if (!managed.containsKey(Component.Role.VERSION) && complete) {
      error(source.location(), Messages.missingVersion(typeName, language));
    }
    List<Component> indexed = components.stream().filter(Component::indexed).toList();
    if (indexed.size() > Indexed.MAX_PER_TYPE) {
      error(
          source.location(),
          Messages.tooManyIndexes(
              typeName,
              indexed.size(),
              Indexed.MAX_PER_TYPE,
              indexed.stream().map(Component::name).collect(Collectors.joining(", "))));
    }
    return components;
  }

  private Optional<Component> component(ComponentSource<L> source) {
    String name = source.name();
    if (!Names.isJavaIdentifierOrKeyword(name)) {
      error(source.location(), Messages.notAJavaName(name));
      return Optional.empty();
    }
    if (name.indexOf('$') >= 0) {
      error(source.location(), Messages.dollarInName(name));
      return Optional.empty();
    }
    List<Component.Role> roles = source.roles();
    if (roles.size() > 1) {
      error(
          source.location(),
          Messages.severalRoles(name, roles.get(0).annotation(), roles.get(1).annotation()));
      return Optional.empty();
    }
    Component.Role role = roles.isEmpty() ? Component.Role.DATA : roles.get(0);
    String typeText = source.type().text();
    L indexed = source.indexed();
    if (indexed != null && isValueClass(source.type())) {
      error(indexed, Messages.indexedValueClass(name, typeText));
      return Optional.empty();
    }
    TypeRef type;
    ValueType value;
    try {
      value = types.analyze(source.type());
      type = types.ref(source.type()).withNullable(source.nullable());
    } catch (TypeRules.UnsupportedTypeException e) {
      error(source.location(), Messages.unsupportedType(name, typeText, e.advice()));
      return Optional.empty();
    }
    if (source.nullable() && type instanceof TypeRef.Primitive) {
      error(source.location(), Messages.nullablePrimitive(name, typeText));
      return Optional.empty();
    }
    if (!Names.isJavaName(source.accessor())) {
      error(source.location(), Messages.accessorNotJava(name, source.accessor()));
      return Optional.empty();
    }
    if (!roleTypeValid(source, role, value, type, typeText)) {
      return Optional.empty();
    }
    @Nullable String explicitDefault = null;
    ComponentSource.DefaultSource<L> defaultSource = source.explicitDefault();
    if (defaultSource != null) {
      if (role != Component.Role.DATA) {
        error(defaultSource.annotation(), Messages.defaultOnManaged(name, role.annotation()));
        return Optional.empty();
      }
      explicitDefault = parseDefault(name, defaultSource, value, typeText);
      if (explicitDefault == null) {
        return Optional.empty();
      }
    }
    boolean constructorDefault =
        source.declaresDefault() && role == Component.Role.DATA && explicitDefault == null;
    if (role == Component.Role.DATA
        && explicitDefault == null
        && !constructorDefault
        && !type.nullable()
        && !value.hasNaturalDefault()) {
      boolean literal = value instanceof ValueType.Scalar || value instanceof ValueType.EnumValue;
      error(source.location(), Messages.noDefault(name, typeText, literal, language));
      return Optional.empty();
    }
    if (!onClassPath.test(JACKSON_KOTLIN_MODULE)) {
      Optional<ClassRef> kotlin =
          value.nested().flatMap(n -> n.kotlinClasses().stream()).findFirst();
      if (kotlin.isPresent()) {
        error(source.location(), Messages.jacksonKotlinMissing(name, kotlin.get().qualifiedName()));
        return Optional.empty();
      }
    }
    if (indexed != null) {
      @Nullable String problem = indexProblem(name, role, value, typeText);
      if (problem != null) {
        error(indexed, problem);
        return Optional.empty();
      }
    }
    return Optional.of(
        new Component(
            name,
            type,
            role,
            value,
            source.accessor(),
            explicitDefault,
            Names.constantName(name),
            constructorDefault,
            indexed != null));
  }

  private static boolean isValueClass(SourceType type) {
    return type instanceof SourceType.Unsupported unsupported
        && unsupported.kind() == SourceType.Unsupported.Kind.VALUE_CLASS;
  }

  /** Why a component cannot be {@code @Indexed}, or null if it can. */
  private @Nullable String indexProblem(
      String name, Component.Role role, ValueType value, String typeText) {
    if (role != Component.Role.DATA) {
      return Messages.indexedManaged(name, role.annotation());
    }
    if (value.collection()) {
      return Messages.indexedCollection(name, typeText);
    }
    if (value instanceof ValueType.Nested) {
      return Messages.indexedNested(name, typeText);
    }
    if (value instanceof ValueType.Scalar scalar && !scalar.type().stableText()) {
      return Messages.indexedUnstableText(name, typeText, language);
    }
    return null;
  }

  private boolean roleTypeValid(
      ComponentSource<L> source,
      Component.Role role,
      ValueType value,
      TypeRef type,
      String typeText) {
    String name = source.name();
    @Nullable String problem =
        switch (role) {
          case ID ->
              type.nullable() || !value.equals(new ValueType.Scalar(ScalarType.STRING))
                  ? Messages.idType(name, typeText)
                  : null;
          case VERSION ->
              !type.equals(new TypeRef.Primitive(PrimitiveKind.LONG))
                  ? Messages.versionType(name, typeText)
                  : null;
          case CREATED_AT, UPDATED_AT ->
              !value.equals(new ValueType.Scalar(ScalarType.INSTANT))
                  ? Messages.timestampType(role.annotation(), name, typeText)
                  : null;
          case DATA -> null;
        };
    if (problem != null) {
      error(source.location(), problem);
    }
    return problem == null;
  }

  private @Nullable String parseDefault(
      String component, ComponentSource.DefaultSource<L> source, ValueType value, String typeText) {
    String literal = source.literal();
    if (value instanceof ValueType.EnumValue enumValue) {
      if (!enumValue.constants().contains(literal)) {
        error(
            source.literalLocation(),
            Messages.defaultNotEnumConstant(
                literal, component, typeText, String.join(", ", enumValue.constants())));
        return null;
      }
      return literal;
    }
    if (!(value instanceof ValueType.Scalar scalar)) {
      error(source.literalLocation(), Messages.defaultNotSupported(component, typeText));
      return null;
    }
    try {
      return DefaultLiterals.canonical(scalar.type(), literal);
    } catch (RuntimeException e) {
      error(
          source.literalLocation(),
          Messages.defaultNotParsable(literal, component, typeText, scalar.type().literalForm()));
      return null;
    }
  }

  private void checkGeneratedNames(InstanceSource<L> source, List<Component> components) {
    ClassRef name = source.type();
    List<String> suffixes = new ArrayList<>(InstanceModel.GENERATED_SUFFIXES);
    if (components.stream().anyMatch(Component::indexed)) {
      suffixes.add(InstanceModel.INDEX_SUFFIX);
    }
    for (String suffix : suffixes) {
      ClassRef generated = name.generated(suffix);
      if (onClassPath.test(generated)) {
        error(source.location(), Messages.typeClash(generated.qualifiedName(), name.simpleName()));
      }
    }
    String schema = name.generated("Schema").simpleName();
    String changes = name.generated("Changes").simpleName();
    String store = name.generated("Store").simpleName();
    Map<String, String> finders = new HashMap<>();
    Map<String, String> constants = new HashMap<>();
    constants.put("INSTANCE", schema + ".INSTANCE");
    Map<String, String> members = changesMembers(components, changes);
    for (Component component : components) {
      L location = location(source, component);
      String taken =
          constants.putIfAbsent(
              component.constant(),
              schema + "." + component.constant() + " of component '" + component.name() + "'");
      if (taken != null) {
        error(location, Messages.memberClash(component.name(), taken));
      }
      if (component.indexed()) {
        String finder = Names.finderSuffix(component.name());
        String clash =
            finders.putIfAbsent(
                finder,
                store + ".findBy" + finder + "(...) of component '" + component.name() + "'");
        if (clash != null) {
          error(location, Messages.memberClash(component.name(), clash));
        }
      }
      if (component.role() != Component.Role.DATA) {
        continue;
      }
      String member = component.javaName();
      String clash =
          CHANGES_MEMBERS.contains(member)
              ? changes + "." + member + "()"
              : members.putIfAbsent(
                  member, changes + "." + member + "() of component '" + component.name() + "'");
      if (clash != null) {
        error(location, Messages.memberClash(component.name(), clash));
      }
    }
    if (language == Language.KOTLIN) {
      checkKotlinGetterProperties(source, components, changes);
    }
  }

  /**
   * Kotlin reads {@code XChanges.getName()}, the getter of a component {@code getName}, as a
   * property {@code name}, which wins over the change property of a component {@code name}: {@code
   * it.name} would read the other component and could not be set.
   */
  private void checkKotlinGetterProperties(
      InstanceSource<L> source, List<Component> components, String changes) {
    Map<String, Component> data = new HashMap<>();
    for (Component component : components) {
      if (component.role() == Component.Role.DATA) {
        data.put(component.name(), component);
      }
    }
    for (Component getter : data.values()) {
      @Nullable String property = Names.kotlinGetterProperty(getter.javaName());
      @Nullable Component shadowed = property == null ? null : data.get(property);
      if (shadowed != null) {
        error(
            location(source, shadowed),
            Messages.memberClash(
                shadowed.name(),
                changes
                    + "."
                    + getter.javaName()
                    + "() of component '"
                    + getter.name()
                    + "', which Kotlin reads as the property '"
                    + property
                    + "'"));
      }
    }
  }

  /** Where {@code source} declares {@code component}, whose name is unique among its components. */
  private static <L> L location(InstanceSource<L> source, Component component) {
    return source.components().stream()
        .filter(declared -> declared.name().equals(component.name()))
        .findFirst()
        .orElseThrow()
        .location();
  }

  /**
   * The put, remove and add helpers {@code XChanges} gets for the collection components, each
   * described for messages, by name: a component's getter and setter must not take one.
   */
  private static Map<String, String> changesMembers(List<Component> components, String changes) {
    List<Component> collections =
        components.stream()
            .filter(c -> c.role() == Component.Role.DATA && c.value().collection())
            .toList();
    List<String> elements =
        Names.helperElements(collections.stream().map(Component::name).toList());
    Map<String, String> members = new HashMap<>();
    for (int i = 0; i < collections.size(); i++) {
      Component component = collections.get(i);
      List<String> verbs =
          component.value() instanceof ValueType.MapValue
              ? List.of("put", "remove")
              : List.of("add");
      for (String verb : verbs) {
        String helper = verb + elements.get(i);
        members.put(
            helper, changes + "." + helper + "(...) of component '" + component.name() + "'");
      }
    }
    return members;
  }
}
