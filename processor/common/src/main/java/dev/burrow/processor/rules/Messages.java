package dev.burrow.processor.rules;

import dev.burrow.processor.model.Names;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every diagnostic the processors report, in one place. Each says what is wrong and what to change,
 * and is reported on the element or symbol that causes it. Plain text, for any front end; where the
 * advice shows code, it is spelled in the {@link Language} of the offending source.
 */
public final class Messages {
  private Messages() {}

  public static String unsupportedKind(String type, String kind, Language language) {
    return "@Instance must be on a record or a Kotlin data class, but "
        + type
        + " is "
        + kind
        + language.spell(
            "; declare it as a record, such as: record " + type + "(",
            "; declare it as a data class, such as: data class " + type + "(")
        + idExample(language)
        + ", "
        + versionExample(language)
        + ", ...)";
  }

  private static String idExample(Language language) {
    return language.spell("@InstanceId String id", "@InstanceId val id: String");
  }

  private static String versionExample(Language language) {
    return language.spell("@Version long version", "@Version val version: Long");
  }

  public static String noFullConstructor(String type, int fields, String names, Language language) {
    return "@Instance class "
        + type
        + " needs a constructor taking all its "
        + fields
        + " fields ("
        + names
        + ") in declaration order, as a Kotlin data class has; "
        + language.spell(
            "or declare " + type + " as a record",
            "under kapt, a property declared in the class body with a value is a field too: move"
                + " it into the primary constructor, or give it a getter (val x get() = ...)");
  }

  /** Kotlin: the counterpart of {@link #noFullConstructor}. */
  public static String noPrimaryConstructor(String type) {
    return "@Instance class "
        + type
        + " needs a public or internal primary constructor that declares its components as"
        + " properties (val), as a data class has; or declare "
        + type
        + " as a data class";
  }

  public static String noGetter(String field, String getter) {
    return "field '"
        + field
        + "' has no getter "
        + getter
        + "(); Burrow reads a class's components through getters, as kapt presents Kotlin"
        + " properties";
  }

  /** Kotlin: the counterpart of {@link #noGetter}, for a parameter that is not a property. */
  public static String notAProperty(String parameter) {
    return "constructor parameter '"
        + parameter
        + "' is not a property; declare it with val, so that Burrow can read the component back";
  }

  /**
   * Kotlin: the counterpart of {@link #noGetter}, for a {@code @JvmField} property, which has a
   * field and no getter on the JVM.
   */
  public static String jvmFieldProperty(String property) {
    return "property '"
        + property
        + "' is @JvmField, so it has no getter; Burrow reads components through their getters,"
        + " so remove @JvmField";
  }

  /** Kotlin: the counterpart of {@link #noGetter}, for a property without a visible getter. */
  public static String privateProperty(String property) {
    return "property '"
        + property
        + "' is private; Burrow reads components through their getters, so make it public or"
        + " internal";
  }

  public static String generic(String type) {
    return "@Instance type "
        + type
        + " must not be generic: a store holds one concrete type;"
        + " remove the type parameters";
  }

  public static String notAccessible(String type) {
    return "@Instance type "
        + type
        + " must not be private or inside a private type:"
        + " the generated classes in its package use it";
  }

  public static String local(String type) {
    return "@Instance type "
        + type
        + " must not be local (declared in a function or block):"
        + " the generated classes in its package cannot name it;"
        + " declare it at the top level or as a nested type";
  }

  public static String innerClass(String type, Language language) {
    return "@Instance class "
        + type
        + " is an inner class; "
        + language.spell(
            "make it static or top-level", "remove the inner modifier or make it top-level");
  }

  public static String missingId(String type, Language language) {
    return type + " has no @InstanceId component; add one, such as: " + idExample(language);
  }

  public static String duplicateRole(String annotation, String first, String second) {
    return "more than one "
        + annotation
        + " component ('"
        + first
        + "' and '"
        + second
        + "'); keep exactly one";
  }

  public static String idType(String component, String type) {
    return "@InstanceId component '" + component + "' must be a non-null String, not " + type;
  }

  public static String missingVersion(String type, Language language) {
    return type
        + " has no @Version component; add one, such as: "
        + versionExample(language)
        + " (Burrow uses it for compare-and-set)";
  }

  public static String versionType(String component, String type) {
    return "@Version component '" + component + "' must be a long (Kotlin: Long), not " + type;
  }

  public static String timestampType(String annotation, String component, String type) {
    return annotation + " component '" + component + "' must be a java.time.Instant, not " + type;
  }

  public static String severalRoles(String component, String first, String second) {
    return "component '"
        + component
        + "' has both "
        + first
        + " and "
        + second
        + "; a managed component has exactly one role";
  }

  public static String defaultOnManaged(String component, String annotation) {
    return "@Default is not allowed on "
        + annotation
        + " component '"
        + component
        + "': Burrow manages its value";
  }

  public static String defaultNotParsable(
      String literal, String component, String type, String form) {
    return "@Default(\""
        + literal
        + "\") cannot be parsed as "
        + type
        + " for component '"
        + component
        + "': expected "
        + form;
  }

  public static String defaultNotEnumConstant(
      String literal, String component, String type, String constants) {
    return "@Default(\""
        + literal
        + "\") is not a constant of "
        + type
        + " for component '"
        + component
        + "': expected one of "
        + constants;
  }

  public static String defaultNotSupported(String component, String type) {
    return "@Default is not supported on component '"
        + component
        + "' of type "
        + type
        + ": collections start empty and nested types have no literal form; remove @Default";
  }

  /**
   * A component annotated {@code @Nullable} whose type is a primitive, which can hold no null: the
   * annotation would be ignored, and a document holding null for it refused as not nullable.
   *
   * @param component the component
   * @param type the primitive type, such as {@code int}
   */
  public static String nullablePrimitive(String component, String type) {
    return "component '"
        + component
        + "' is @Nullable, but its type "
        + type
        + " cannot hold null; use its wrapper class (such as Integer for int), or remove @Nullable";
  }

  public static String noDefault(
      String component, String type, boolean literalPossible, Language language) {
    String literal = literalPossible ? "add @Default(\"...\")" : "";
    return "component '"
        + component
        + "' of type "
        + type
        + " has no default value, which a"
        + " fresh instance and documents written before the component existed need; "
        + language.spell(
            literalPossible ? literal + " or mark it @Nullable" : "mark it @Nullable",
            "give it a default value, "
                + (literalPossible ? literal + " " : "")
                + "or make its"
                + " type nullable");
  }

  public static String unsupportedType(String component, String type, String advice) {
    return "component '" + component + "' has unsupported type " + type + ": " + advice;
  }

  /** Why an array cannot be a component (type), for {@link #unsupportedType}. */
  public static String arrayAdvice(Language language) {
    return "arrays compare by identity in "
        + language.spell("records", "data classes")
        + "; use a List";
  }

  /** Why an {@code Optional} cannot be a component (type), for {@link #unsupportedType}. */
  public static String optionalAdvice(Language language) {
    return language.spell(
        "use the value type and mark the component @Nullable",
        "use the value type and make it nullable");
  }

  /** Why a wildcard cannot be a type argument, for {@link #unsupportedType}. */
  public static String wildcardAdvice(Language language) {
    return language.spell(
        "wildcards are not supported; use a concrete type",
        "star projections and variance are not supported; use a concrete type");
  }

  /** Advice for {@link #unsupportedType}, for any front end. */
  public static final String TYPE_VARIABLE_ADVICE =
      "type variables are not supported; use a concrete type";

  /**
   * Why a class {@code type} the generated classes cannot name (private, protected or
   * package-private in another package, or nested in such a class) cannot be a component type or a
   * type argument of one, for {@link #unsupportedType}.
   */
  public static String privateTypeAdvice(String type) {
    return type
        + " is private, or protected or package-private in another package, or nested in such a"
        + " type, so the generated classes in the package of the @Instance type cannot name it;"
        + " make it public";
  }

  /** Advice for {@link #unsupportedType}, for any front end. */
  public static final String OTHER_TYPE_ADVICE =
      "only classes, records, enums, primitives, List, Set and Map are supported";

  /** Advice for {@link #unsupportedType}, for any front end. */
  public static final String RAW_TYPE_ADVICE =
      "raw types are not supported; give its type arguments";

  /** Advice for {@link #unsupportedType}, for any front end. */
  public static final String MAP_KEY_ADVICE =
      "map keys must have a string form: String, an enum, a number, UUID or a java.time type";

  /** Why a map key cannot be nullable, for {@link #unsupportedType}. */
  public static String nullableMapKeyAdvice(Language language) {
    return "map keys are never null (a JSON object's keys are strings); "
        + language.spell("remove @Nullable from the key type", "use a non-null key type");
  }

  /** Why {@code Object} (Kotlin: {@code Any}) cannot be a component type. */
  public static String objectAdvice(Language language) {
    return language.spell("Object", "Any") + " has no stable JSON form; use a concrete type";
  }

  /** Advice for {@link #unsupportedType}, for any front end. */
  public static final String COLLECTION_ADVICE = "declare collections as List, Set or Map";

  /** Kotlin: why a value class cannot be a component type, for {@link #unsupportedType}. */
  public static String noJdkReader(String type) {
    return "Jackson can write a "
        + type
        + " but has no way to read one back, so the document could not be read; store the values"
        + " you need in a record";
  }

  public static String abstractNotReadBack(String type) {
    return "an interface or abstract class cannot be read back ("
        + type
        + " names no concrete type to create); use a record or a concrete class, or annotate it"
        + " with @JsonTypeInfo";
  }

  public static String noCreator(String type) {
    return type
        + " cannot be read back: Jackson has no constructor to create it with; make it a record,"
        + " or give it a no-argument constructor or a constructor annotated @JsonCreator";
  }

  /**
   * A class Jackson would create through its only non-private constructor, from a class file that
   * does not record the constructor's parameter names (compiled without {@code -parameters} and
   * without debug information): Jackson could not match them to properties.
   */
  public static String parameterNamesUnknown(String type) {
    return type
        + " cannot be read back: Jackson creates it through its constructor, whose parameter names"
        + " its class file does not record; compile "
        + type
        + " with javac's -parameters, or annotate the constructor @JsonCreator with"
        + " @JsonProperty(\"...\") on each parameter, or @java.beans.ConstructorProperties";
  }

  /**
   * A class Jackson would create through its only non-private constructor, one of whose parameters
   * is named after no property Jackson writes: Jackson would find no value for it in the document
   * and read every instance back with null, zero or false there, silently.
   *
   * @param type the class
   * @param parameter the first such parameter
   * @param properties the properties Jackson writes, as {@code low, high}
   */
  public static String constructorParameterNotProperty(
      String type, String parameter, String properties) {
    return type
        + " cannot be read back: Jackson creates it through its constructor, whose parameter '"
        + parameter
        + "' is named after none of the properties it writes ("
        + properties
        + "), so the value would come back null or zero; name each constructor parameter after the"
        + " property it sets, or annotate the constructor @JsonCreator with @JsonProperty(\"...\")"
        + " on each parameter";
  }

  /**
   * A class Jackson would create through a {@code @JsonCreator} constructor or static factory that
   * takes its parameters as properties (more than one parameter, or {@code mode = PROPERTIES}),
   * from a class file that does not record the parameter names (compiled without {@code
   * -parameters} and without debug information), while some parameters have no
   * {@code @JsonProperty} name either: Jackson refuses the creator on every write and read.
   *
   * @param type the class
   * @param creator the creator, as {@code constructor Step(java.lang.String, int)} or {@code
   *     factory of(java.lang.String, int)}
   * @param unnamed the parameters without a name, as {@code 2 (int)}: position from 1, and type
   */
  public static String creatorParameterNamesUnknown(
      String type, String creator, List<String> unnamed) {
    return type
        + " cannot be read back: Jackson creates it through its @JsonCreator "
        + creator
        + ", whose parameter names its class file does not record, and "
        + (unnamed.size() == 1 ? "parameter " : "parameters ")
        + String.join(", ", unnamed)
        + (unnamed.size() == 1 ? " has" : " have")
        + " no @JsonProperty name; compile "
        + type
        + " with javac's -parameters, or annotate each parameter of the creator"
        + " @JsonProperty(\"...\")";
  }

  public static String valueClassAdvice() {
    return "a value class has no constructor that the generated Java code can call; use the"
        + " underlying type, such as java.time.Duration for kotlin.time.Duration";
  }

  /**
   * A Kotlin class, which Jackson reads back only through Jackson 3's Kotlin module, while that
   * module is missing.
   */
  public static String jacksonKotlinMissing(String component, String kotlinClass) {
    return "component '"
        + component
        + "' stores the Kotlin class "
        + kotlinClass
        + ", which Jackson reads back only with Jackson 3's Kotlin module; add the dependency "
        + JACKSON_KOTLIN
        + " (its version is in Jackson's BOM)";
  }

  /** The artifact of Jackson 3's Kotlin module. */
  public static final String JACKSON_KOTLIN = "tools.jackson.module:jackson-module-kotlin";

  /** kapt: the class's {@code @kotlin.Metadata} cannot be read. */
  public static String kotlinMetadataUnreadable(String type, String error) {
    return "cannot read the Kotlin metadata of "
        + type
        + " ("
        + error
        + "), which says which components declare default values; build it with the Kotlin"
        + " version Burrow's processor was built for, or a newer Burrow";
  }

  /** Kotlin: an annotation argument that does not resolve to a constant. */
  public static String notAConstant(String member) {
    return "the argument "
        + member
        + " has no constant value: write a string literal or name a const val; in a Kotlin"
        + " string, $name is a template (write \\$ for a dollar sign)";
  }

  public static String unresolvedType(String component, String type) {
    return "component '" + component + "' has type " + type + ", which could not be resolved";
  }

  /**
   * An annotation on {@code component} whose type is not resolved, as written if known (KSP names
   * it {@code <error>}).
   */
  public static String unresolvedAnnotation(String component, @Nullable String written) {
    return "component '"
        + component
        + "' has "
        + (written == null ? "an annotation" : "annotation " + written)
        + " whose type could not be resolved, so Burrow cannot tell how to store the component;"
        + " import the annotation, or add the library that declares it";
  }

  /**
   * {@code component}'s {@code @Default}, as written if known, has no value the compiler resolved.
   */
  public static String unresolvedDefault(
      String component, @Nullable String written, Language language) {
    return "component '"
        + component
        + "' has "
        + (written == null ? "a @Default" : written)
        + " whose value could not be resolved: write a string literal, or name a "
        + language.spell(
            "constant (a static final String) the compiler can see: import its class, or add the"
                + " library that declares it",
            "const val the compiler can see; in a Kotlin string, $name is a template (write \\$"
                + " for a dollar sign)");
  }

  public static String invalidKindName(String name) {
    return "@Instance name \""
        + name
        + "\" is invalid: use 1 to 64 lower-case letters, digits"
        + " and single dashes, such as \"task-runs\"";
  }

  public static String invalidSubdirectory(String name, String rule) {
    return "subdirectory \""
        + name
        + "\" is invalid: "
        + rule
        + " (subdirectory names follow the instance ID rules)";
  }

  /** The file name of an instance's document in its directory, which no subdirectory may take. */
  static final String DOCUMENT_FILE = "instance.json";

  public static String documentSubdirectory(String name) {
    return "subdirectory \""
        + name
        + "\" is the name of the instance's document ("
        + DOCUMENT_FILE
        + "), which no subdirectory can have";
  }

  public static String duplicateSubdirectory(String name) {
    return "subdirectory \"" + name + "\" is declared twice";
  }

  public static String subdirectoryAccessor(String name, String dirsType) {
    return "subdirectory \""
        + name
        + "\" gives no usable accessor name in "
        + dirsType
        + " (it must start with a letter, and must not be 'root', 'instanceId', a keyword, or"
        + " the accessor of another subdirectory); rename it";
  }

  public static String invalidEnvironmentVariable(String name) {
    return "@Instance dataRootEnv \""
        + name
        + "\" is not a valid environment variable name:"
        + " use letters, digits and '_', not starting with a digit, such as \"MYAPP_DATA_DIR\"";
  }

  public static String variableInDataRoot(String root, String variable) {
    return "@Instance defaultDataRoot \""
        + root
        + "\" is used as written, so "
        + variable
        + " would be a folder name, not expanded: Burrow expands only a leading ~/ (the user's"
        + " home directory); write \"~/...\" for a folder in the home directory, name an"
        + " environment variable in dataRootEnv, or pass the path to open(Path) or"
        + " StoreOptions.withDataRoot at run time";
  }

  public static String sharedDefaultRoot(
      String type, String root, String other, String otherRoot, boolean sameKind) {
    return shared(type, "the default data root", root, other, otherRoot, "folder")
        + (sameKind
            ? ", and both have the same @Instance name: their instances would mix in one folder"
            : ": whichever opens it second would be refused as another kind")
        + "; give each its own default root: a different @Instance name (the default root is"
        + " ~/.burrow/<name>) or defaultDataRoot";
  }

  public static String sharedDataRootEnv(
      String type, String variable, String other, String otherVariable, boolean sameKind) {
    return shared(type, "dataRootEnv", variable, other, otherVariable, "variable")
        + (sameKind
            ? ", and both have the same @Instance name: whenever it is set, their instances would"
                + " mix in one folder"
            : ": whenever it is set, both open one data root, and whichever opens it second would"
                + " be refused as another kind")
        + "; the variable names one kind's data root, not a parent folder of several, so give"
        + " each its own dataRootEnv";
  }

  /**
   * {@code type has ATTRIBUTE "value", as other has}, or {@code ..., the same NOUN as other's
   * "otherValue"} where {@code other} spells it differently.
   */
  private static String shared(
      String type, String attribute, String value, String other, String otherValue, String noun) {
    return type
        + " has "
        + attribute
        + " \""
        + value
        + "\", "
        + (value.equals(otherValue)
            ? "as " + other + " has"
            : "the same " + noun + " as " + other + "'s \"" + otherValue + "\"");
  }

  public static String generatedNameClash(String type, String other, String store) {
    return "cannot generate "
        + store
        + " and the other classes for "
        + type
        + ": "
        + other
        + " gets classes of the same names (a nested type's generated names join the enclosing"
        + " types' names with _); rename one of the two types";
  }

  public static String typeClash(String generated, String type) {
    return "cannot generate "
        + generated
        + " for "
        + type
        + ": a type of that name exists"
        + " already; rename it or rename "
        + type;
  }

  public static String memberClash(String component, String member) {
    return "component '"
        + component
        + "' clashes with the generated "
        + member
        + "; rename the component";
  }

  /** Kotlin: a property whose name (in backticks) no Java identifier can spell. */
  public static String notAJavaName(String component) {
    return "component '"
        + component
        + "' has a name that is not a Java identifier, but the generated XChanges, XSchema and"
        + " XStore are Java and name members after each component; rename it to letters, digits"
        + " and _ (a Java keyword such as long is fine: its Java members get a trailing _)";
  }

  public static String dollarInName(String component) {
    return "component '"
        + component
        + "' has a $ in its name, which the generated XChanges, XSchema and XStore cannot carry"
        + " into the members and documentation named after it (Java keeps $ for generated"
        + " names); rename it to letters, digits and _";
  }

  /**
   * Kotlin: a property read through a method Java cannot call, such as a record's {@code long()}.
   */
  public static String accessorNotJava(String component, String accessor) {
    return "component '"
        + component
        + "' is read through "
        + accessor
        + "(), which the generated Java cannot call ("
        + accessor
        + " is a Java keyword or no Java identifier); rename the property, or drop @JvmRecord"
        + " (or @JvmName) so that Kotlin names its getter get"
        + Names.capitalize(component)
        + "()";
  }

  /**
   * Kotlin (KSP): the counterpart of {@link #noFullConstructor} under kapt, which refuses a class
   * whose body declares a property with a field, because its constructor does not take it.
   */
  public static String bodyProperty(String property, String type) {
    return "property '"
        + property
        + "' of "
        + type
        + " is declared in the class body and holds a value (a backing field or a delegate), which"
        + " Burrow would not store: every read would reset it; move it into the primary"
        + " constructor, or compute it in a getter without a field (val "
        + property
        + " get() = ...)";
  }

  /** kapt: a constructor property whose name kapt's Java stub cannot hold. */
  public static String kaptJavaKeyword(String type, String properties) {
    return "@Instance class "
        + type
        + " has properties that are Java keywords or no Java identifiers ("
        + properties
        + "), which kapt leaves out of the Java stub that Burrow reads; process "
        + type
        + " with KSP (dev.burrow:burrow-processor-ksp), which stores them, or rename them";
  }

  public static String runtimeMissing(String type) {
    return "burrow-runtime is not on the compile class path, but the code generated for "
        + type
        + " uses it; add the dependency dev.burrow:burrow-runtime";
  }

  public static String runtimeNotRead(String type, String module) {
    return "the code generated for "
        + type
        + " uses burrow-runtime, which module "
        + module
        + " does not read; add the line `requires dev.burrow.runtime;` to the module-info.java of "
        + module
        + " (and the dependency dev.burrow:burrow-runtime, if the build lacks it)";
  }

  public static String indexedManaged(String component, String annotation) {
    return "@Indexed is not allowed on "
        + annotation
        + " component '"
        + component
        + "': Burrow manages its value; index a component you own";
  }

  public static String indexedCollection(String component, String type) {
    return "@Indexed is not allowed on component '"
        + component
        + "' of type "
        + type
        + ": a collection has no single value to find it by; index a scalar component instead";
  }

  public static String indexedNested(String component, String type) {
    return "@Indexed is not allowed on component '"
        + component
        + "' of type "
        + type
        + ": a nested type has no single text form; index one of its values as a component of its"
        + " own";
  }

  public static String indexedUnstableText(String component, String type, Language language) {
    return "@Indexed is not allowed on component '"
        + component
        + "' of type "
        + type
        + ": its values have no stable text form that equals them exactly on every backend"
        + language.spell(" (float and double, URI, Path); ", " (Float and Double, URI, Path); ")
        + indexableTypes(language);
  }

  /** Kotlin: {@code @Indexed} on a value class ({@code UInt}, {@code kotlin.time.Duration}). */
  public static String indexedValueClass(String component, String type) {
    return "@Indexed is not allowed on component '"
        + component
        + "' of type "
        + type
        + ": a value class has no constructor that the generated Java code can call; "
        + indexableTypes(Language.KOTLIN)
        + " (a Long holds every UInt, a BigInteger every ULong)";
  }

  /** The advice of every refusal of {@code @Indexed} for its type: the types it allows. */
  private static String indexableTypes(Language language) {
    return language.spell(
        "use String, an enum, an integral number, BigDecimal, boolean, char, UUID or a java.time"
            + " type",
        "use String, an enum class, an integral number, BigDecimal, Boolean, Char, UUID or a"
            + " java.time type");
  }

  public static String tooManyIndexes(String type, int count, int limit, String components) {
    return type
        + " has "
        + count
        + " @Indexed components ("
        + components
        + "), more than the limit of "
        + limit
        + ": every index adds work to each write; keep the ones queries need";
  }

  public static String writeFailed(String generated, String error) {
    return "could not write " + generated + ": " + error;
  }

  /**
   * Kotlin (KSP): the counterpart of {@link #noGetter}, for a property deprecated with level {@code
   * HIDDEN}, whose getter is synthetic on the JVM (kapt's stub has no getter at all).
   */
  public static String hiddenProperty(String property) {
    return syntheticGetter(
        property, "is @Deprecated with level HIDDEN", "deprecate it with level WARNING or ERROR");
  }

  /**
   * Kotlin (KSP): the counterpart of {@link #noGetter}, for a property with {@code
   * @get:JvmSynthetic}, whose getter Java source cannot call.
   */
  public static String jvmSyntheticGetter(String property) {
    return syntheticGetter(property, "has @get:JvmSynthetic", "remove @get:JvmSynthetic");
  }

  private static String syntheticGetter(String property, String cause, String fix) {
    return "property '"
        + property
        + "' "
        + cause
        + ", so its getter is synthetic and the generated Java cannot call it; Burrow reads"
        + " components through their getters, so "
        + fix;
  }

  /**
   * Kotlin (KSP): an {@code @Instance} class whose package or name has a part Java source cannot
   * spell, such as {@code test.native} (Java cannot have such a package). {@code generated} is the
   * stem of the generated classes' names ({@code Outer_Inner} for a nested class), {@code part} the
   * offending part.
   */
  public static String instanceNotJavaNamed(String type, String generated, String part) {
    return "@Instance type "
        + type
        + " cannot be named in Java source ("
        + whyNotJava(part)
        + "), but the generated "
        + generated
        + "Schema, "
        + generated
        + "Changes, "
        + generated
        + "Dirs and "
        + generated
        + "Store are Java in its package; rename the package or the class so that each part of"
        + " its name is a Java identifier and no Java keyword";
  }

  /**
   * Kotlin (KSP): advice for {@link #unsupportedType} when the component type, one of its type
   * arguments, or a Kotlin class the generated code names for Jackson is in a package (or has a
   * name) with a part Java source cannot spell, such as {@code test.native}.
   */
  public static String notJavaNamedAdvice(String type, String part) {
    return "Java source cannot name "
        + type
        + " ("
        + whyNotJava(part)
        + "), and the generated XSchema, XChanges and XStore are Java; rename its package or the"
        + " class so that each part of its name is a Java identifier and no Java keyword";
  }

  private static String whyNotJava(String part) {
    return "'"
        + part
        + (Names.isJavaIdentifierOrKeyword(part)
            ? "' is a Java keyword"
            : "' is not a Java identifier");
  }
}
