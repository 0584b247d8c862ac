package dev.burrow.processor.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** How generated names are derived from the user's names, for every front end alike. */
public final class Names {
  private static final Pattern WORD_BREAK = Pattern.compile("[-._]+");
  private static final Set<String> JAVA_KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "_");

  /** The methods of {@code Object} without parameters, which every generated class has. */
  private static final Set<String> OBJECT_METHODS =
      Set.of(
          "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  private static final Set<String> KOTLIN_HARD_KEYWORDS =
      Set.of("as", "fun", "in", "is", "object", "typealias", "typeof", "val", "var", "when");

  private Names() {}

  /**
   * {@code createdAt} gives {@code CREATED_AT}, {@code httpURLPath} gives {@code HTTP_URL_PATH}.
   */
  public static String constantName(String camel) {
    return camel
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
        .toUpperCase(Locale.ROOT);
  }

  /**
   * The element name used by {@code putX}/{@code addX} helpers: {@code params} gives {@code Param},
   * {@code entries} gives {@code Entry}; a name that does not look plural is kept ({@code metadata}
   * gives {@code Metadata}).
   */
  public static String singularCapitalized(String plural) {
    String singular;
    if (plural.endsWith("ies") && plural.length() > 3) {
      singular = plural.substring(0, plural.length() - 3) + "y";
    } else if (endsWithAny(plural, "sses", "uses", "xes", "ches", "shes")) {
      singular = plural.substring(0, plural.length() - 2);
    } else if (plural.endsWith("s")
        && !endsWithAny(plural, "ss", "us", "is")
        && plural.length() > 1) {
      singular = plural.substring(0, plural.length() - 1);
    } else {
      singular = plural;
    }
    return capitalize(singular);
  }

  /**
   * The element names in the put, remove and add helpers of {@code XChanges} for the collection
   * components {@code collections}, in order: each one's {@link #singularCapitalized singular}, or
   * its capitalized name where an earlier one took that singular ({@code tag} and {@code tags} give
   * {@code Tag} and {@code Tags}).
   */
  public static List<String> helperElements(List<String> collections) {
    Set<String> taken = new HashSet<>();
    List<String> elements = new ArrayList<>();
    for (String name : collections) {
      String singular = singularCapitalized(name);
      String element = taken.contains(singular) ? capitalize(name) : singular;
      taken.add(element);
      elements.add(element);
    }
    return elements;
  }

  /**
   * The accessor for a subdirectory: {@code sidecar-data} gives {@code sidecarData}; empty if no
   * usable identifier results. A name of a method of {@code Object} ({@code notify}, {@code
   * hash-code}) gets a trailing {@code _} ({@code notify_}, {@code hashCode_}), as a component's
   * members do ({@link #javaMemberName}): {@code XDirs} cannot declare {@code Path notify()}.
   */
  public static String subdirectoryAccessor(String subdirectory) {
    StringBuilder name = new StringBuilder();
    for (String word : WORD_BREAK.split(subdirectory, -1)) {
      if (word.isEmpty()) {
        continue;
      }
      name.append(name.length() == 0 ? decapitalize(word) : capitalize(word));
    }
    String result = name.toString();
    if (!isUsableIdentifier(result)) {
      return "";
    }
    return OBJECT_METHODS.contains(result) ? result + "_" : result;
  }

  /** A Java identifier that is neither a Java keyword nor a Kotlin hard keyword. */
  public static boolean isUsableIdentifier(String name) {
    return isJavaName(name) && !KOTLIN_HARD_KEYWORDS.contains(name);
  }

  /** Whether Java source can name a method or variable {@code name}: an identifier, no keyword. */
  public static boolean isJavaName(String name) {
    return isJavaIdentifierOrKeyword(name) && !JAVA_KEYWORDS.contains(name);
  }

  /**
   * Whether {@code name} is spelled as a Java identifier (letters, digits, {@code _} and {@code $},
   * not starting with a digit), keywords included.
   */
  public static boolean isJavaIdentifierOrKeyword(String name) {
    return !name.isEmpty()
        && Character.isJavaIdentifierStart(name.codePointAt(0))
        && name.codePoints().allMatch(Character::isJavaIdentifierPart);
  }

  /**
   * The name generated Java gives the members of a component named {@code name} (its getter and
   * setter in {@code XChanges}, its parameters): {@code name} itself, or {@code name_} for a Java
   * keyword, which Kotlin allows as a property name ({@code val long: Double}), and for a method of
   * {@code Object} that a getter {@code name()} or setter would override or clash with ({@code val
   * notify: Boolean}, or a class's field with a getter). {@code name} must be spelled as a Java
   * identifier ({@link #isJavaIdentifierOrKeyword}).
   */
  public static String javaMemberName(String name) {
    return JAVA_KEYWORDS.contains(name) || OBJECT_METHODS.contains(name) ? name + "_" : name;
  }

  /**
   * The name generated Java suggests for a variable (field, parameter or local) holding the value
   * of the component {@code name}: {@code name} itself, or {@code name_} where it starts with an
   * upper-case letter, as type names do, so that it cannot obscure a type generated code calls in
   * the same scope ({@code Collections.unmodifiableMap(...)} beside a component named {@code
   * Collections}).
   */
  public static String variableName(String name) {
    return Character.isUpperCase(name.codePointAt(0)) ? name + "_" : name;
  }

  /**
   * Whether Kotlin names the getter of a property {@code name} (of any type) {@code name} itself,
   * as it does when {@code name} is {@code is} followed by anything but a lower-case ASCII letter:
   * {@code isActive()}, {@code is_active()}, {@code is2()}; and so reads a Java method {@code
   * name()} as a property {@code name}.
   */
  public static boolean kotlinIsName(String name) {
    return name.length() > 2 && name.startsWith("is") && !isAsciiLower(name.charAt(2));
  }

  /**
   * The property Kotlin makes of a Java method {@code method()} that takes no argument and returns
   * a value, if it is named like a getter: {@code name} for {@code getName}, {@code url} for {@code
   * getURL}; null for any other name. (Kotlin also reads {@code isX()} as a property, named {@code
   * isX}.)
   */
  public static @Nullable String kotlinGetterProperty(String method) {
    if (method.length() <= 3 || !method.startsWith("get") || isAsciiLower(method.charAt(3))) {
      return null;
    }
    String name = method.substring(3);
    if (!isAsciiUpper(name.charAt(0))) {
      return name;
    }
    int upper = 1;
    while (upper < name.length() && isAsciiUpper(name.charAt(upper))) {
      upper++;
    }
    // One capital starts a word; of a run of capitals, the last starts the next word.
    int lower = upper == 1 || upper == name.length() ? upper : upper - 1;
    return name.substring(0, lower).toLowerCase(Locale.ROOT) + name.substring(lower);
  }

  private static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** {@code name} with its first letter upper-case. */
  public static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * What the store's finders of the indexed component {@code name} are named after: {@code
   * findByX}, {@code streamByX} and {@code countByX} with {@code X} this. Components whose names
   * differ only in the case of their first letter share it.
   */
  public static String finderSuffix(String name) {
    return capitalize(name);
  }

  /** {@code name} with its first letter lower-case. */
  public static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static boolean endsWithAny(String name, String... suffixes) {
    for (String suffix : suffixes) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
