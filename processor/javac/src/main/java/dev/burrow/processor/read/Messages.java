package dev.burrow.processor.read;

/**
 * Every diagnostic the processor reports, in one place. Each says what is wrong and what to change,
 * and is reported on the element that causes it. Plain text, for any front end.
 */
public final class Messages {
  private Messages() {}

  public static String unsupportedKind(String type, String kind) {
    return "@Instance must be on a record or a Kotlin data class, but "
        + type
        + " is "
        + kind
        + "; declare it as a record, such as: record "
        + type
        + "(@InstanceId String id, @Version long version, ...)";
  }

  public static String noFullConstructor(String type, int fields, String names) {
    return "@Instance class "
        + type
        + " needs a constructor taking all its "
        + fields
        + " fields ("
        + names
        + ") in declaration order, as a Kotlin data class has;"
        + " or declare "
        + type
        + " as a record";
  }

  public static String noGetter(String field, String getter) {
    return "field '"
        + field
        + "' has no getter "
        + getter
        + "(); Burrow reads a class's components through getters, as kapt presents Kotlin"
        + " properties";
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

  public static String innerClass(String type) {
    return "@Instance class " + type + " is an inner class; make it static or top-level";
  }

  public static String missingId(String type) {
    return type + " has no @InstanceId component; add one, such as: @InstanceId String id";
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

  public static String missingVersion(String type) {
    return type
        + " has no @Version component; add one, such as: @Version long version"
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

  public static String noDefault(String component, String type, boolean literalPossible) {
    return "component '"
        + component
        + "' of type "
        + type
        + " has no default value, which a"
        + " fresh instance and documents written before the component existed need; "
        + (literalPossible ? "add @Default(\"...\") or mark it @Nullable" : "mark it @Nullable");
  }

  public static String unsupportedType(String component, String type, String advice) {
    return "component '" + component + "' has unsupported type " + type + ": " + advice;
  }

  public static String unresolvedType(String component, String type) {
    return "component '" + component + "' has type " + type + ", which could not be resolved";
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

  public static String runtimeMissing(String type) {
    return "burrow-runtime is not on the compile class path, but the code generated for "
        + type
        + " uses it; add the dependency dev.burrow:burrow-runtime";
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

  public static String indexedUnstableText(String component, String type) {
    return "@Indexed is not allowed on component '"
        + component
        + "' of type "
        + type
        + ": its values have no stable text form that equals them exactly on every backend"
        + " (float and double, URI, Path); use String, an enum, an integral number, BigDecimal,"
        + " boolean, char, UUID or a java.time type";
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
}
