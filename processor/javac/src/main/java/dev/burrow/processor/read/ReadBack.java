package dev.burrow.processor.read;

import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.ConstructorNames;
import dev.burrow.processor.rules.JacksonReadBack;
import dev.burrow.processor.rules.Messages;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.jspecify.annotations.Nullable;

/**
 * Whether Jackson databind can read back a nested type it wrote: the compile-time half of "never
 * acknowledge a write that cannot be read back" (the store checks every write at run time too, for
 * what only the running mapper can tell).
 *
 * <p>Only what certainly fails is refused, so that no type Jackson reads is turned away:
 *
 * <ul>
 *   <li>a JDK class Jackson has no reader for, such as {@code java.lang.Thread} (JDK types it
 *       reads, such as {@code Locale}, {@code Currency} or {@code java.time}, are listed in {@link
 *       JacksonReadBack}, which the Kotlin symbol processor's check shares);
 *   <li>an interface or abstract class without a Jackson annotation that says how to read it;
 *   <li>a concrete class with no constructor Jackson could use: no no-argument constructor, no
 *       {@code @JsonCreator} constructor or factory, no {@code @ConstructorProperties} constructor,
 *       no {@code @JsonDeserialize}, and not exactly one non-private constructor;
 *   <li>a class whose one non-private constructor takes parameters that neither have names javac
 *       could read (from source, or from a class file's {@code -parameters} or debug information)
 *       nor are each named by {@code @JsonProperty}: a class file compiled without either;
 *   <li>a class whose one non-private constructor takes a parameter named after none of the
 *       properties Jackson writes (its public getters and fields, in any letter case), where no
 *       Jackson annotation may rename them: Jackson would read it back without that value; the same
 *       for a Kotlin class's primary constructor parameter that no property carries;
 *   <li>a class whose {@code @JsonCreator} constructor or static factory takes its parameters as
 *       properties (more than one, or {@code mode = PROPERTIES}) while a parameter neither has a
 *       name javac could read nor a {@code @JsonProperty} name, nor is {@code @JacksonInject}ed:
 *       Jackson refuses such a creator;
 *   <li>any of these inside a record, a Kotlin class, an array, a type argument or a subtype that
 *       {@code @JsonSubTypes} lists or a sealed type permits, recursively.
 * </ul>
 *
 * <p>On the way it collects the Kotlin classes (other than records) Jackson creates, which it can
 * only through Jackson 3's Kotlin module: a Kotlin class's creator is the module's business, so its
 * properties are walked instead. It also collects the parameter names of the one constructor of
 * each class Jackson creates through it, and of each {@code @JsonCreator} that takes properties,
 * which the generated codec supplies: at run time Jackson knows parameter names only from javac's
 * {@code -parameters}, which a processor cannot tell was used (javac reads names from source, and
 * from a class file's debug information too).
 *
 * <p>This is the javac front end's walk; the Kotlin symbol processor walks KSP's symbols the same
 * way ({@code KotlinReadBack}), following a Kotlin class's primary constructor where this follows
 * its fields.
 */
final class ReadBack {
  /**
   * What Jackson meets when it reads a nested type back.
   *
   * @param whyNot why it cannot, or null if it can as far as a front end can tell
   * @param kotlinClasses the Kotlin classes other than records it creates on the way, which need
   *     Jackson 3's Kotlin module: the type itself if it is one, and those in its type arguments,
   *     its record components and its Kotlin properties, at any depth
   * @param constructorNames the parameter names of the constructors Jackson creates classes through
   *     on the way, for the codec to supply; each class once
   */
  record Verdict(
      @Nullable String whyNot,
      List<ClassRef> kotlinClasses,
      List<ConstructorNames> constructorNames) {}

  private final TypeAnalyzer analyzer;

  ReadBack(TypeAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** What Jackson meets when it reads a value of {@code type} back. */
  Verdict judge(DeclaredType type) {
    Walk walk = new Walk(analyzer);
    String why = walk.whyNot(type);
    return new Verdict(why, List.copyOf(walk.kotlin), List.copyOf(walk.constructorNames));
  }

  /** One check, remembering the types seen so that recursive types end. */
  private static final class Walk {
    private final TypeAnalyzer analyzer;
    private final Set<String> seen = new HashSet<>();
    private final Set<ClassRef> kotlin = new LinkedHashSet<>();
    private final List<ConstructorNames> constructorNames = new ArrayList<>();

    Walk(TypeAnalyzer analyzer) {
      this.analyzer = analyzer;
    }

    @Nullable String whyNot(TypeMirror type) {
      if (type.getKind().isPrimitive() || type.getKind() != TypeKind.DECLARED) {
        return type instanceof ArrayType array ? whyNot(array.getComponentType()) : null;
      }
      DeclaredType declared = (DeclaredType) type;
      for (TypeMirror argument : declared.getTypeArguments()) {
        String why = whyNot(argument);
        if (why != null) {
          return why;
        }
      }
      TypeElement element = (TypeElement) declared.asElement();
      String name = element.getQualifiedName().toString();
      if (!seen.add(name) || element.getKind() == ElementKind.ENUM || analyzer.isCollection(type)) {
        return null;
      }
      if (JacksonReadBack.readableByName(
          name, annotated(element, JacksonReadBack.READ_ANNOTATIONS))) {
        return firstProblem(subtypes(element, analyzer));
      }
      String why =
          JacksonReadBack.whyNot(
              name,
              element.getKind().isInterface()
                  || element.getModifiers().contains(Modifier.ABSTRACT));
      if (why != null) {
        return why;
      }
      if (element.getKind() == ElementKind.RECORD) {
        return firstProblem(
            element.getRecordComponents().stream().map(RecordComponentElement::asType).toList());
      }
      if (TypeAnalyzer.kotlin(element)) {
        // Jackson's Kotlin module creates it through its primary constructor, whose properties
        // are the class's fields (kapt's stub has no other).
        kotlin.add(analyzer.classRef(element));
        if (KotlinMetadata.secondaryConstructorsOnly(element)) {
          // With no primary constructor, Jackson creates it as a Java class (so does KSP's walk).
          return creatorProblem(element);
        }
        // The stub shows a value class as its underlying type; the metadata names the class.
        for (String parameterClass : KotlinMetadata.parameterClasses(element)) {
          String unreadable =
              JacksonReadBack.readableByName(parameterClass, false)
                  ? null
                  : JacksonReadBack.whyNot(parameterClass, false);
          if (unreadable != null) {
            return unreadable;
          }
        }
        String unwritten = unwrittenKotlinParameter(element);
        if (unwritten != null) {
          return unwritten;
        }
        return firstProblem(
            ElementFilter.fieldsIn(element.getEnclosedElements()).stream()
                .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
                .map(VariableElement::asType)
                .toList());
      }
      return creatorProblem(element);
    }

    /**
     * Why Jackson cannot construct {@code type}, or null if it can: through its {@code JsonCreator}
     * constructors and static factories if it has any ({@link #jsonCreatorProblem}), else through a
     * no-argument constructor, a {@code @ConstructorProperties} constructor, or its only
     * non-private constructor, if the parameters' names are known (then collected for the codec) or
     * each is named by {@code @JsonProperty}.
     */
    private @Nullable String creatorProblem(TypeElement type) {
      String name = type.getQualifiedName().toString();
      List<ExecutableElement> creators =
          type.getEnclosedElements().stream()
              .filter(e -> e.getKind() == ElementKind.CONSTRUCTOR || isStaticMethod(e))
              .filter(e -> annotated(e, JacksonReadBack.CREATOR_ANNOTATIONS))
              .map(ExecutableElement.class::cast)
              .toList();
      if (!creators.isEmpty()) {
        for (ExecutableElement creator : creators) {
          String why = jsonCreatorProblem(type, creator);
          if (why != null) {
            return why;
          }
        }
        return null;
      }
      List<ExecutableElement> constructors =
          ElementFilter.constructorsIn(type.getEnclosedElements());
      if (constructors.stream().anyMatch(c -> c.getParameters().isEmpty())) {
        return null;
      }
      List<ExecutableElement> visible =
          constructors.stream().filter(c -> !c.getModifiers().contains(Modifier.PRIVATE)).toList();
      if (visible.size() != 1) {
        return Messages.noCreator(name);
      }
      List<? extends VariableElement> parameters = visible.get(0).getParameters();
      if (namesKnown(parameters)) {
        List<String> names = parameters.stream().map(p -> p.getSimpleName().toString()).toList();
        List<String> properties = writtenProperties(type);
        @Nullable String unwritten =
            properties == null ? null : JacksonReadBack.unwrittenParameter(names, properties);
        if (properties != null && unwritten != null) {
          return Messages.constructorParameterNotProperty(
              name, unwritten, String.join(", ", properties));
        }
        constructorNames.add(new ConstructorNames(analyzer.classRef(type), names));
        return null;
      }
      return parameters.stream().allMatch(ReadBack::namedByJsonProperty)
          ? null
          : Messages.parameterNamesUnknown(name);
    }

    /**
     * Why Jackson cannot call {@code creator}, a constructor or static factory annotated
     * {@code @JsonCreator} or {@code @ConstructorProperties}, or null if it can. One that takes its
     * parameters as properties ({@link JacksonReadBack#takesProperties}) needs a name for each that
     * has no {@code @JsonProperty} name and is not {@code @JacksonInject}ed: the names javac read
     * are collected for the codec, and a class file that records none is refused.
     * {@code @ConstructorProperties} names the parameters itself.
     */
    private @Nullable String jsonCreatorProblem(TypeElement type, ExecutableElement creator) {
      AnnotationMirror jsonCreator = annotation(creator, JacksonReadBack.JSON_CREATOR);
      if (jsonCreator == null
          || annotation(creator, JacksonReadBack.CONSTRUCTOR_PROPERTIES) != null) {
        return null;
      }
      List<? extends VariableElement> parameters = creator.getParameters();
      if (!JacksonReadBack.takesProperties(parameters.size(), mode(jsonCreator))) {
        return null;
      }
      List<String> unnamed = new ArrayList<>();
      for (int i = 0; i < parameters.size(); i++) {
        VariableElement parameter = parameters.get(i);
        if (!namedByJsonProperty(parameter)
            && annotation(parameter, JacksonReadBack.INJECT_ANNOTATION) == null) {
          unnamed.add((i + 1) + " (" + parameter.asType() + ")");
        }
      }
      if (unnamed.isEmpty()) {
        return null;
      }
      boolean constructor = creator.getKind() == ElementKind.CONSTRUCTOR;
      if (namesKnown(parameters)) {
        constructorNames.add(
            new ConstructorNames(
                analyzer.classRef(type),
                constructor ? ConstructorNames.CONSTRUCTOR : creator.getSimpleName().toString(),
                parameters.stream().map(p -> p.getSimpleName().toString()).toList()));
        return null;
      }
      String described =
          (constructor
                  ? "constructor " + type.getSimpleName()
                  : "factory " + creator.getSimpleName())
              + parameters.stream()
                  .map(p -> p.asType().toString())
                  .collect(Collectors.joining(", ", "(", ")"));
      return Messages.creatorParameterNamesUnknown(
          type.getQualifiedName().toString(), described, unnamed);
    }

    private @Nullable String firstProblem(List<TypeMirror> types) {
      for (TypeMirror type : types) {
        String why = whyNot(type);
        if (why != null) {
          return why;
        }
      }
      return null;
    }
  }

  /**
   * The properties Jackson writes for {@code type}: those of the public instance getters and fields
   * of it and its supertypes; null if a Jackson annotation on any of them (or their parameters) may
   * rename, hide or add some.
   */
  private static @Nullable List<String> writtenProperties(TypeElement type) {
    List<String> properties = new ArrayList<>();
    Deque<TypeElement> types = new ArrayDeque<>(List.of(type));
    Set<String> seen = new HashSet<>();
    while (!types.isEmpty()) {
      TypeElement current = types.pop();
      if (!seen.add(current.getQualifiedName().toString())
          || current.getQualifiedName().contentEquals("java.lang.Object")) {
        continue;
      }
      if (jacksonAnnotated(current)) {
        return null;
      }
      for (Element member : current.getEnclosedElements()) {
        if (jacksonAnnotated(member)
            || (member instanceof ExecutableElement executable
                && executable.getParameters().stream().anyMatch(ReadBack::jacksonAnnotated))) {
          return null;
        }
        Set<Modifier> modifiers = member.getModifiers();
        if (!modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.STATIC)) {
          continue;
        }
        String memberName = member.getSimpleName().toString();
        if (member.getKind() == ElementKind.FIELD) {
          properties.add(memberName);
        } else if (member instanceof ExecutableElement method
            && method.getKind() == ElementKind.METHOD
            && method.getParameters().isEmpty()
            && method.getReturnType().getKind() != TypeKind.VOID) {
          String property = JacksonReadBack.getterProperty(memberName);
          if (property != null) {
            properties.add(property);
          }
        }
      }
      for (TypeMirror supertype : supertypes(current)) {
        if (supertype instanceof DeclaredType declared
            && declared.asElement() instanceof TypeElement element) {
          types.push(element);
        }
      }
    }
    return properties;
  }

  /**
   * Why Jackson's Kotlin module would read the Kotlin class {@code type} back without a value: a
   * parameter of its primary constructor is named after none of the properties Jackson writes (its
   * Kotlin properties that are not private, and the getters and public fields of it and its
   * supertypes), as a plain parameter or a {@code private val} is; null if there is none, or a
   * Jackson annotation may rename them.
   */
  private static @Nullable String unwrittenKotlinParameter(TypeElement type) {
    List<String> written = writtenProperties(type);
    if (written == null) {
      return null;
    }
    Set<String> properties = new LinkedHashSet<>(KotlinMetadata.visibleProperties(type));
    properties.addAll(written);
    String unwritten =
        JacksonReadBack.unwrittenParameter(KotlinMetadata.primaryParameters(type), properties);
    return unwritten == null
        ? null
        : Messages.constructorParameterNotProperty(
            type.getQualifiedName().toString(), unwritten, String.join(", ", properties));
  }

  /**
   * The classes Jackson creates in place of {@code type}: those {@code @JsonSubTypes} on it lists,
   * and the concrete ones among its sealed subclasses at any depth, which Jackson finds without
   * {@code @JsonSubTypes} (and Jackson's Kotlin module for a Kotlin class even with it); none if
   * {@code @JsonDeserialize} tells Jackson another way.
   */
  private static List<TypeMirror> subtypes(TypeElement type, TypeAnalyzer analyzer) {
    if (annotation(type, JacksonReadBack.JSON_DESERIALIZE) != null) {
      return List.of();
    }
    List<TypeMirror> subtypes = new ArrayList<>();
    AnnotationMirror subTypes = annotation(type, JacksonReadBack.JSON_SUB_TYPES);
    if (subTypes != null) {
      for (AnnotationValue entry : values(subTypes, "value")) {
        if (entry.getValue() instanceof AnnotationMirror subType) {
          for (AnnotationValue value : values(subType, "value")) {
            if (value.getValue() instanceof TypeMirror subtype) {
              subtypes.add(subtype);
            }
          }
        }
      }
      if (!TypeAnalyzer.kotlin(type)) {
        return subtypes;
      }
    }
    subtypes.addAll(sealedClasses(type, analyzer));
    return subtypes;
  }

  /**
   * The concrete classes among {@code type}'s sealed subclasses and theirs, at any depth: a Java
   * type's permitted subclasses, and those a Kotlin type's metadata names, which kapt's stub does
   * not declare.
   */
  private static List<TypeMirror> sealedClasses(TypeElement type, TypeAnalyzer analyzer) {
    Set<TypeElement> subclasses = new LinkedHashSet<>();
    for (TypeMirror permitted : type.getPermittedSubclasses()) {
      subclasses.add((TypeElement) ((DeclaredType) permitted).asElement());
    }
    for (String name : KotlinMetadata.sealedSubclasses(type)) {
      TypeElement subclass = analyzer.typeElement(name);
      if (subclass != null) {
        subclasses.add(subclass);
      }
    }
    List<TypeMirror> classes = new ArrayList<>();
    for (TypeElement subclass : subclasses) {
      if (!subclass.getKind().isInterface()
          && !subclass.getModifiers().contains(Modifier.ABSTRACT)) {
        classes.add(subclass.asType());
      }
      classes.addAll(sealedClasses(subclass, analyzer));
    }
    return classes;
  }

  /** The values of {@code annotation}'s element {@code name}, given as one or as an array. */
  private static List<? extends AnnotationValue> values(AnnotationMirror annotation, String name) {
    for (var entry : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue() instanceof List<?> list
            ? list.stream().map(AnnotationValue.class::cast).toList()
            : List.of(entry.getValue());
      }
    }
    return List.of();
  }

  private static List<TypeMirror> supertypes(TypeElement type) {
    List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
    supertypes.add(type.getSuperclass());
    return supertypes;
  }

  private static boolean jacksonAnnotated(Element element) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      Element type = annotation.getAnnotationType().asElement();
      if (type instanceof TypeElement typeElement
          && JacksonReadBack.jacksonAnnotation(typeElement.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStaticMethod(Element e) {
    return e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.STATIC);
  }

  /** False when javac read a class file without parameter names ({@code arg0, arg1, ...}). */
  private static boolean namesKnown(List<? extends VariableElement> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      if (!parameters.get(i).getSimpleName().contentEquals("arg" + i)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code parameter} carries {@code @JsonProperty} with a name. */
  private static boolean namedByJsonProperty(VariableElement parameter) {
    for (AnnotationMirror annotation : parameter.getAnnotationMirrors()) {
      Element type = annotation.getAnnotationType().asElement();
      if (type instanceof TypeElement typeElement
          && typeElement.getQualifiedName().contentEquals(JacksonReadBack.PROPERTY_ANNOTATION)) {
        return annotation.getElementValues().entrySet().stream()
            .anyMatch(
                e ->
                    e.getKey().getSimpleName().contentEquals("value")
                        && !String.valueOf(e.getValue().getValue()).isEmpty());
      }
    }
    return false;
  }

  /** The value of {@code @JsonCreator}'s {@code mode}, or null if not given. */
  private static @Nullable String mode(AnnotationMirror jsonCreator) {
    for (var entry : jsonCreator.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("mode")
          && entry.getValue().getValue() instanceof VariableElement constant) {
        return constant.getSimpleName().toString();
      }
    }
    return null;
  }

  private static @Nullable AnnotationMirror annotation(Element element, String name) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      Element type = annotation.getAnnotationType().asElement();
      if (type instanceof TypeElement typeElement
          && typeElement.getQualifiedName().contentEquals(name)) {
        return annotation;
      }
    }
    return null;
  }

  private static boolean annotated(Element element, Set<String> names) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      Element type = annotation.getAnnotationType().asElement();
      if (type instanceof TypeElement typeElement
          && names.contains(typeElement.getQualifiedName().toString())) {
        return true;
      }
    }
    return false;
  }
}
