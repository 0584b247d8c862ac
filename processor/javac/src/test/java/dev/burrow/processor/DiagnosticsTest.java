package dev.burrow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.burrow.Instance;
import dev.burrow.runtime.StoreEngine;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import kotlin.Metadata;
import kotlin.metadata.Attributes;
import kotlin.metadata.KmClass;
import kotlin.metadata.KmClassifier;
import kotlin.metadata.KmConstructor;
import kotlin.metadata.KmProperty;
import kotlin.metadata.KmType;
import kotlin.metadata.KmTypeProjection;
import kotlin.metadata.KmValueParameter;
import kotlin.metadata.KmVariance;
import kotlin.metadata.Visibility;
import kotlin.metadata.jvm.JvmExtensionsKt;
import kotlin.metadata.jvm.JvmMetadataVersion;
import kotlin.metadata.jvm.JvmMethodSignature;
import kotlin.metadata.jvm.KotlinClassMetadata;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/** One case per diagnostic: the message, reported on the line of the offending element. */
class DiagnosticsTest {
  private static final String HEADER =
      "package test;\n"
          + "import dev.burrow.*;\n"
          + "import java.time.*;\n"
          + "import java.util.*;\n"
          + "import org.jspecify.annotations.Nullable;\n";
  private static final String ID_VERSION = "@InstanceId String id, @Version long version";

  static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString("test.Bad", HEADER + body);
  }

  private static Arguments error(String name, String body, String message, String line) {
    return Arguments.of(name, body, message, line);
  }

  private static Arguments component(String name, String components, String message, String line) {
    return error(name, badRecord(components, ""), message, line);
  }

  /**
   * The instance type {@code test.Bad}: a record of an ID, a version and {@code components}, whose
   * body holds {@code members}.
   */
  private static String badRecord(String components, String members) {
    return "@Instance(name = \"bad\")\npublic record Bad("
        + ID_VERSION
        + ",\n"
        + components
        + ") {"
        + members
        + "}\n";
  }

  /**
   * {@code test.Bad} holding a kapt stub of the nested Kotlin class {@code Range}, of the int
   * fields {@code low} and {@code high}: its metadata names {@code properties} and the constructor
   * parameters {@code first} and {@code second} (Kotlin ints), and {@code members} (its constructor
   * and getters) follow the fields.
   */
  private static String kaptRange(
      List<KmProperty> properties, String first, String second, String members) {
    return badRecord(
        "@Nullable Range range",
        "\n  "
            + kotlinMetadata(
                "test/Bad.Range",
                properties,
                parameter(first, kmType("kotlin/Int", false)),
                parameter(second, kmType("kotlin/Int", false)))
            + "\n  public static final class Range {\n"
            + "    private final int low;\n    private final int high;\n"
            + members
            + "  }\n");
  }

  private static Arguments dataRoot(String name, String root, String variable) {
    return error(
        name,
        "@Instance(name = \"bad\",\ndefaultDataRoot = \""
            + root
            + "\")\npublic record Bad("
            + ID_VERSION
            + ") {}\n",
        "@Instance defaultDataRoot \""
            + root.replace("\\\\", "\\")
            + "\" is used as written, so "
            + variable
            + " would be a folder name, not expanded: Burrow expands only a leading ~/ (the user's"
            + " home directory); write \"~/...\" for a folder in the home directory, name an"
            + " environment variable in dataRootEnv, or pass the path to open(Path) or"
            + " StoreOptions.withDataRoot at run time",
        "defaultDataRoot");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        error(
            "interface",
            "@Instance(name = \"bad\")\npublic interface Bad {}\n",
            "@Instance must be on a record or a Kotlin data class, but Bad is an interface",
            "interface Bad"),
        error(
            "enum",
            "@Instance(name = \"bad\")\npublic enum Bad { A }\n",
            "but Bad is an enum",
            "enum Bad"),
        error(
            "abstract class",
            "@Instance(name = \"bad\")\npublic abstract class Bad {}\n",
            "but Bad is an abstract class",
            "abstract class Bad"),
        error(
            "class without full-arity constructor",
            "@Instance(name = \"bad\")\npublic final class Bad {\n  private final String id;\n  private final long version;\n"
                + "  public Bad(String id) { this.id = id; this.version = 0; }\n}\n",
            "@Instance class Bad needs a constructor taking all its 2 fields (id, version) in declaration order",
            "final class Bad"),
        error(
            "class field without getter",
            "@Instance(name = \"bad\")\npublic final class Bad {\n  private final String id;\n  private final long version;\n"
                + "  public Bad(@InstanceId String id, @Version long version) { this.id = id; this.version = version; }\n"
                + "  public String getId() { return id; }\n}\n",
            "field 'version' has no getter getVersion()",
            "private final long version"),
        error(
            "kapt stub with a body property the constructor does not take",
            "@kotlin.Metadata\n@Instance(name = \"bad\")\npublic final class Bad {\n  private final String id;\n  private final long version;\n"
                + "  private final String label;\n"
                + "  public Bad(@InstanceId String id, @Version long version) { this.id = id; this.version = version; this.label = id; }\n}\n",
            "(id, version, label) in declaration order, as a Kotlin data class has; under kapt, a property declared in the class body with a value is a field too",
            "final class Bad"),
        error(
            "kapt stub whose Kotlin metadata cannot be read",
            "@kotlin.Metadata(mv = {2, 4, 0})\n@Instance(name = \"bad\")\npublic final class Bad {\n  private final String id;\n  private final long version;\n"
                + "  public Bad(@InstanceId String id, @Version long version) { this.id = id; this.version = version; }\n"
                + "  public String getId() { return id; }\n  public long getVersion() { return version; }\n}\n",
            "cannot read the Kotlin metadata of Bad",
            "final class Bad"),
        error(
            "generic record",
            "@Instance(name = \"bad\")\npublic record Bad<T>(" + ID_VERSION + ", T value) {}\n",
            "@Instance type Bad must not be generic",
            "record Bad<T>"),
        error(
            "private nested record",
            "class Outer {\n  @Instance(name = \"bad\")\n  private record Bad("
                + ID_VERSION
                + ") {}\n}\n",
            "@Instance type Bad must not be private",
            "private record Bad"),
        error(
            "inner class",
            "class Outer {\n  @Instance(name = \"bad\")\n  public final class Bad {\n    private final String id;\n"
                + "    public Bad(String id) { this.id = id; }\n    public String getId() { return id; }\n  }\n}\n",
            "@Instance class Bad is an inner class; make it static or top-level",
            "public final class Bad"),
        error(
            "missing @InstanceId",
            "@Instance(name = \"bad\")\npublic record Bad(String id, @Version long version) {}\n",
            "Bad has no @InstanceId component; add one",
            "public record Bad"),
        component(
            "name with a $",
            "@Nullable String a$b",
            "component 'a$b' has a $ in its name, which the generated XChanges, XSchema and XStore"
                + " cannot carry",
            "String a$b"),
        component(
            "duplicate @InstanceId",
            "@InstanceId String other",
            "more than one @InstanceId component ('id' and 'other'); keep exactly one",
            "String other"),
        component(
            "second @InstanceId of another type",
            "@InstanceId int number",
            "@InstanceId component 'number' must be a non-null String, not int",
            "int number"),
        error(
            "@InstanceId of type int",
            "@Instance(name = \"bad\")\npublic record Bad(@InstanceId int id, @Version long version) {}\n",
            "@InstanceId component 'id' must be a non-null String, not int",
            "public record Bad"),
        error(
            "@InstanceId nullable",
            "@Instance(name = \"bad\")\npublic record Bad(\n@InstanceId @Nullable String id, @Version long version) {}\n",
            "@InstanceId component 'id' must be a non-null String",
            "@InstanceId @Nullable String id"),
        error(
            "missing @Version",
            "@Instance(name = \"bad\")\npublic record Bad(@InstanceId String id, long version) {}\n",
            "Bad has no @Version component; add one, such as: @Version long version",
            "public record Bad"),
        component(
            "duplicate @Version",
            "@Version long again",
            "more than one @Version component ('version' and 'again')",
            "long again"),
        error(
            "@Version of type int",
            "@Instance(name = \"bad\")\npublic record Bad(@InstanceId String id,\n@Version int version) {}\n",
            "@Version component 'version' must be a long (Kotlin: Long), not int",
            "@Version int version"),
        error(
            "@Version boxed",
            "@Instance(name = \"bad\")\npublic record Bad(@InstanceId String id,\n@Version Long version) {}\n",
            "must be a long (Kotlin: Long), not java.lang.Long",
            "@Version Long version"),
        component(
            "@CreatedAt not an Instant",
            "@CreatedAt String created",
            "@CreatedAt component 'created' must be a java.time.Instant, not java.lang.String",
            "String created"),
        component(
            "@UpdatedAt twice",
            "@UpdatedAt Instant a,\n@UpdatedAt Instant b",
            "more than one @UpdatedAt component ('a' and 'b')",
            "@UpdatedAt Instant b"),
        component(
            "two roles on one component",
            "@CreatedAt @UpdatedAt Instant at",
            "component 'at' has both @CreatedAt and @UpdatedAt",
            "Instant at"),
        error(
            "@Default on @Version",
            "@Instance(name = \"bad\")\npublic record Bad(@InstanceId String id,\n@Default(\"1\") @Version long version) {}\n",
            "@Default is not allowed on @Version component 'version': Burrow manages its value",
            "@Default(\"1\")"),
        component(
            "@Default not a number",
            "@Default(\"many\") int count",
            "@Default(\"many\") cannot be parsed as int for component 'count': expected a whole number such as 42",
            "\"many\""),
        component(
            "@Default in digits other than 0 to 9",
            "@Default(\"\u0661\u0662\") long count",
            "@Default(\"\u0661\u0662\") cannot be parsed as long for component 'count': expected a whole number such as 42",
            "\"\u0661\u0662\""),
        component(
            "@Default BigDecimal in digits other than 0 to 9",
            "@Default(\"\u0661.\u0665\") java.math.BigDecimal price",
            "@Default(\"\u0661.\u0665\") cannot be parsed as java.math.BigDecimal for component"
                + " 'price': expected a decimal number such as 1.50",
            "\"\u0661.\u0665\""),
        component(
            "@Default UUID not in 8-4-4-4-12 form",
            "@Default(\"1-0-0-0-0\") UUID key",
            "@Default(\"1-0-0-0-0\") cannot be parsed as java.util.UUID for component 'key': expected a"
                + " UUID such as 123e4567-e89b-12d3-a456-426614174000",
            "\"1-0-0-0-0\""),
        component(
            "@Default out of range",
            "@Default(\"300\") byte tiny",
            "@Default(\"300\") cannot be parsed as byte for component 'tiny': expected a number from -128 to 127",
            "\"300\""),
        component(
            "@Default too large for a float",
            "@Default(\"1e39\") float ratio",
            "@Default(\"1e39\") cannot be parsed as float for component 'ratio': expected a number"
                + " such as 1.5, neither too large nor too small for a float",
            "\"1e39\""),
        component(
            "@Default not a boolean",
            "@Default(\"yes\") boolean flag",
            "cannot be parsed as boolean for component 'flag': expected true or false",
            "\"yes\""),
        component(
            "@Default not a duration",
            "@Default(\"30s\") Duration timeout",
            "@Default(\"30s\") cannot be parsed as java.time.Duration for component 'timeout': expected an ISO-8601 duration",
            "\"30s\""),
        component(
            "@Default not an instant",
            "@Default(\"yesterday\") Instant when",
            "cannot be parsed as java.time.Instant for component 'when'",
            "\"yesterday\""),
        component(
            "@Default not an enum constant",
            "@Default(\"LATER\") java.time.DayOfWeek day",
            "@Default(\"LATER\") is not a constant of java.time.DayOfWeek for component 'day': expected one of MONDAY",
            "\"LATER\""),
        component(
            "@Default on a collection",
            "@Default(\"a\") List<String> names",
            "@Default is not supported on component 'names' of type java.util.List<java.lang.String>",
            "\"a\""),
        component(
            "@Nullable on a primitive component",
            "@Nullable int count",
            "component 'count' is @Nullable, but its type int cannot hold null; use its wrapper"
                + " class (such as Integer for int), or remove @Nullable",
            "@Nullable int count"),
        component(
            "enum without default",
            "java.time.DayOfWeek day",
            "component 'day' of type java.time.DayOfWeek has no default value, which a fresh instance and documents written before the component existed need; add @Default(\"...\") or mark it @Nullable",
            "DayOfWeek day"),
        component(
            "nested type without default",
            "Locale locale",
            "component 'locale' of type java.util.Locale has no default value, which a fresh instance and documents written before the component existed need; mark it @Nullable",
            "Locale locale"),
        component(
            "JDK class Jackson cannot read back",
            "@Nullable Thread worker",
            "component 'worker' has unsupported type java.lang.Thread: Jackson can write a java.lang.Thread but has no way to read one back",
            "Thread worker"),
        component(
            "java.time class Jackson cannot read back",
            "java.time.chrono.@Nullable JapaneseDate date",
            "component 'date' has unsupported type java.time.chrono.JapaneseDate: Jackson can write a java.time.chrono.JapaneseDate but has no way to read one back",
            "JapaneseDate date"),
        component(
            "JDK class Jackson cannot read back, as a list element",
            "List<Thread> workers",
            "Jackson can write a java.lang.Thread but has no way to read one back",
            "workers"),
        error(
            "JDK class Jackson cannot read back, inside a nested record",
            badRecord(
                "@Nullable Job job", "\n  public record Job(String name, Thread worker) {}\n"),
            "component 'job' has unsupported type test.Bad.Job: Jackson can write a java.lang.Thread but has no way to read one back",
            "Job job"),
        error(
            "class with no constructor Jackson can use",
            badRecord(
                "@Nullable Holder holder",
                "\n  public static final class Holder {\n"
                    + "    public Holder(int a) {}\n    public Holder(String b) {}\n  }\n"),
            "component 'holder' has unsupported type test.Bad.Holder: test.Bad.Holder cannot be read back: Jackson has no constructor to create it with",
            "Holder holder"),
        error(
            "constructor parameter named after no property Jackson writes",
            badRecord(
                "@Nullable Range range",
                "\n  public static final class Range {\n"
                    + "    private final int low;\n    private final int high;\n"
                    + "    public Range(int low, int to) { this.low = low; this.high = to; }\n"
                    + "    public int getLow() { return low; }\n    public int getHigh() { return high; }\n"
                    + "  }\n"),
            "component 'range' has unsupported type test.Bad.Range: test.Bad.Range cannot be read back:"
                + " Jackson creates it through its constructor, whose parameter 'to' is named after none"
                + " of the properties it writes (low, high)",
            "Range range"),
        error(
            "interface inside a nested record",
            badRecord("@Nullable Job job", "\n  public record Job(Runnable task) {}\n"),
            "component 'job' has unsupported type test.Bad.Job: an interface or abstract class cannot"
                + " be read back (java.lang.Runnable names no concrete type to create)",
            "Job job"),
        error(
            "Kotlin class without Jackson's Kotlin module",
            badRecord(
                "@Nullable Agent agent",
                "\n  @kotlin.Metadata\n  public static final class Agent {\n"
                    + "    public Agent(String name) {}\n  }\n"),
            "component 'agent' stores the Kotlin class test.Bad.Agent, which Jackson reads back only"
                + " with Jackson 3's Kotlin module; add the dependency"
                + " tools.jackson.module:jackson-module-kotlin",
            "Agent agent"),
        error(
            "private nested enum",
            badRecord("@Default(\"A\") Mode mode", "\n  private enum Mode { A, B }\n"),
            "component 'mode' has unsupported type test.Bad.Mode: test.Bad.Mode is private, or"
                + " protected or package-private in another package, or nested in such a type, so"
                + " the generated classes in the package of the @Instance type cannot name it;"
                + " make it public",
            "Mode mode"),
        error(
            "type argument nested in a private type",
            badRecord(
                "List<Box.Item> items",
                "\n  private static final class Box {\n" + "    record Item(String x) {}\n  }\n"),
            "component 'items' has unsupported type java.util.List<test.Bad.Box.Item>:"
                + " test.Bad.Box.Item is private, or protected or package-private in another"
                + " package",
            "items"),
        component(
            "array",
            "byte[] data",
            "component 'data' has unsupported type byte[]: arrays compare by identity in records; use a List",
            "byte[] data"),
        component(
            "Object",
            "@Nullable Object any",
            "unsupported type java.lang.Object: Object has no stable JSON form",
            "Object any"),
        component(
            "Optional",
            "Optional<String> maybe",
            "unsupported type java.util.Optional<java.lang.String>: use the value type and mark the component @Nullable",
            "maybe"),
        component(
            "raw List",
            "@SuppressWarnings(\"rawtypes\") List raw",
            "unsupported type java.util.List: raw types are not supported",
            "List raw"),
        component(
            "wildcard element", "List<?> anything", "wildcards are not supported", "anything"),
        component(
            "map with object keys",
            "Map<List<String>, String> byList",
            "map keys must have a string form",
            "byList"),
        component(
            "nullable map key",
            "Map<@Nullable String, String> attrs",
            "component 'attrs' has unsupported type java.util.Map<java.lang.String, java.lang.String>:"
                + " map keys are never null (a JSON object's keys are strings);"
                + " remove @Nullable from the key type",
            "attrs"),
        component(
            "other collection type",
            "ArrayList<String> names",
            "declare collections as List, Set or Map",
            "ArrayList<String> names"),
        component(
            "interface type",
            "@Nullable Runnable task",
            "component 'task' has unsupported type java.lang.Runnable: an interface or abstract class"
                + " cannot be read back (java.lang.Runnable names no concrete type to create)",
            "Runnable task"),
        error(
            "invalid name",
            "@Instance(name = \"Task Runs\")\npublic record Bad(" + ID_VERSION + ") {}\n",
            "@Instance name \"Task Runs\" is invalid: use 1 to 64 lower-case letters, digits and single dashes",
            "\"Task Runs\""),
        error(
            "subdirectory escaping the instance",
            "@Instance(name = \"bad\", subdirectories = {\"logs\",\n\"../up\"})\npublic record Bad("
                + ID_VERSION
                + ") {}\n",
            "subdirectory \"../up\" is invalid: character '/'",
            "\"../up\""),
        error(
            "reserved subdirectory",
            "@Instance(name = \"bad\", subdirectories = {\"logs\",\n\"aux.txt\"})\npublic record Bad("
                + ID_VERSION
                + ") {}\n",
            "subdirectory \"aux.txt\" is invalid: is a reserved device name on Windows",
            "\"aux.txt\""),
        error(
            "subdirectory named as the document",
            "@Instance(name = \"bad\", subdirectories = {\"logs\",\n\"Instance.json\"})\npublic record"
                + " Bad("
                + ID_VERSION
                + ") {}\n",
            "subdirectory \"Instance.json\" is the name of the instance's document (instance.json),"
                + " which no subdirectory can have",
            "\"Instance.json\""),
        error(
            "duplicate subdirectory",
            "@Instance(name = \"bad\", subdirectories = {\"logs\",\n\"logs\"})\npublic record Bad("
                + ID_VERSION
                + ") {}\n",
            "subdirectory \"logs\" is declared twice",
            "\"logs\"})"),
        error(
            "subdirectory without accessor",
            "@Instance(name = \"bad\", subdirectories = {\"logs\",\n\"2024\"})\npublic record Bad("
                + ID_VERSION
                + ") {}\n",
            "subdirectory \"2024\" gives no usable accessor name in BadDirs",
            "\"2024\""),
        error(
            "subdirectory clashing with root()",
            "@Instance(name = \"bad\", subdirectories = {\"logs\",\n\"root\"})\npublic record Bad("
                + ID_VERSION
                + ") {}\n",
            "subdirectory \"root\" gives no usable accessor name in BadDirs",
            "\"root\""),
        error(
            "invalid environment variable",
            "@Instance(name = \"bad\",\ndataRootEnv = \"MY-DIR\")\npublic record Bad("
                + ID_VERSION
                + ") {}\n",
            "@Instance dataRootEnv \"MY-DIR\" is not a valid environment variable name",
            "dataRootEnv"),
        dataRoot("shell variable in the default data root", "$HOME/.bad", "$HOME"),
        dataRoot("braced variable in the default data root", "${user.home}/.bad", "${user.home}"),
        dataRoot("Windows variable in the default data root", "%APPDATA%\\\\bad", "%APPDATA%"),
        dataRoot("another user's home in the default data root", "~bad/.bad", "~bad"),
        component(
            "component named like the singleton",
            "String instance",
            "component 'instance' clashes with the generated BadSchema.INSTANCE; rename the component",
            "String instance"),
        component(
            "two components with one constant",
            "String fooBar,\nString foo_bar",
            "component 'foo_bar' clashes with the generated BadSchema.FOO_BAR of component 'fooBar'",
            "String foo_bar"),
        component(
            "component named like a changes method",
            "String build",
            "component 'build' clashes with the generated BadChanges.build()",
            "String build"),
        component(
            "component named like another's changes helper",
            "Set<String> tags,\nString addTag",
            "component 'addTag' clashes with the generated BadChanges.addTag(...) of component 'tags'",
            "String addTag"),
        error(
            "Kotlin subtype of a @JsonTypeInfo interface without Jackson's Kotlin module",
            badRecord(
                "@Nullable Shape shape",
                "\n"
                    + "  @com.fasterxml.jackson.annotation.JsonTypeInfo(use ="
                    + " com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)\n"
                    + "  @com.fasterxml.jackson.annotation.JsonSubTypes("
                    + "@com.fasterxml.jackson.annotation.JsonSubTypes.Type(Circle.class))\n"
                    + "  public interface Shape {}\n"
                    + "  @kotlin.Metadata\n  public static final class Circle implements Shape {\n"
                    + "    public Circle(String name) {}\n  }\n"),
            "component 'shape' stores the Kotlin class test.Bad.Circle, which Jackson reads back"
                + " only with Jackson 3's Kotlin module",
            "Shape shape"),
        error(
            "@JsonSubTypes subtype with no constructor Jackson could use",
            badRecord(
                "@Nullable Shape shape",
                "\n"
                    + "  @com.fasterxml.jackson.annotation.JsonTypeInfo(use ="
                    + " com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)\n"
                    + "  @com.fasterxml.jackson.annotation.JsonSubTypes({\n"
                    + "    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(Square.class),\n"
                    + "    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(Circle.class)})\n"
                    + "  public interface Shape {}\n"
                    + "  public record Square(int side) implements Shape {}\n"
                    + "  public static final class Circle implements Shape {\n"
                    + "    public Circle(int radius) {}\n    public Circle(long radius) {}\n  }\n"),
            "component 'shape' has unsupported type test.Bad.Shape: test.Bad.Circle cannot be read"
                + " back: Jackson has no constructor to create it with",
            "Shape shape"),
        error(
            "kapt stub of a nested Kotlin class with two secondary constructors and no primary one",
            "@Instance(name = \"bad\")\npublic record Bad("
                + ID_VERSION
                + ",\n@Nullable Circle circle) {\n  "
                + secondaryOnlyMetadata("test/Bad.Circle", 2)
                + "\n  public static final class Circle {\n    private final int radius;\n"
                + "    public Circle(int radius) { this.radius = radius; }\n"
                + "    public Circle(String radius) { this.radius = radius.length(); }\n"
                + "    public int getRadius() { return radius; }\n  }\n}\n",
            "component 'circle' has unsupported type test.Bad.Circle: test.Bad.Circle cannot be read"
                + " back: Jackson has no constructor to create it with",
            "@Nullable Circle circle"),
        error(
            "kapt stub of a Kotlin sealed interface whose subclass has no constructor Jackson could"
                + " use",
            "@Instance(name = \"bad\")\npublic record Bad("
                + ID_VERSION
                + ",\n@Nullable Shape shape) {\n"
                + "  @com.fasterxml.jackson.annotation.JsonTypeInfo(use ="
                + " com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)\n  "
                + sealedMetadata("test/Bad.Shape", "test/Bad.Square", "test/Bad.Circle")
                + "\n  public interface Shape {}\n"
                + "  public record Square(int side) implements Shape {}\n"
                + "  public static final class Circle implements Shape {\n"
                + "    public Circle(int radius) {}\n    public Circle(long radius) {}\n  }\n}\n",
            "component 'shape' has unsupported type test.Bad.Shape: test.Bad.Circle cannot be read"
                + " back: Jackson has no constructor to create it with",
            "Shape shape"),
        error(
            "sealed subtype with no constructor Jackson could use, without @JsonSubTypes",
            "@Instance(name = \"bad\")\npublic record Bad("
                + ID_VERSION
                + ",\n@Nullable Shape shape) {\n"
                + "  @com.fasterxml.jackson.annotation.JsonTypeInfo(use ="
                + " com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)\n"
                + "  public sealed interface Shape permits Square, Round {}\n"
                + "  public record Square(int side) implements Shape {}\n"
                + "  public sealed interface Round extends Shape permits Circle {}\n"
                + "  public static final class Circle implements Round {\n"
                + "    public Circle(int radius) {}\n    public Circle(long radius) {}\n  }\n}\n",
            "component 'shape' has unsupported type test.Bad.Shape: test.Bad.Circle cannot be read"
                + " back: Jackson has no constructor to create it with",
            "Shape shape"),
        error(
            "Kotlin class inside a nested record without Jackson's Kotlin module",
            badRecord(
                "@Nullable Carrier carrier",
                "\n  public record Carrier(Agent agent) {}\n"
                    + "  @kotlin.Metadata\n  public static final class Agent {\n"
                    + "    public Agent(String name) {}\n  }\n"),
            "component 'carrier' stores the Kotlin class test.Bad.Agent, which Jackson reads back"
                + " only with Jackson 3's Kotlin module",
            "Carrier carrier"),
        error(
            "kapt stub of a nested Kotlin class holding a kotlin.time.Duration",
            badRecord(
                "@Nullable Job job",
                "\n  "
                    + kotlinMetadata(
                        "test/Bad.Job",
                        List.of(),
                        parameter("timeout", kmType("kotlin/time/Duration", false)))
                    + "\n  public static final class Job {\n    private final long timeout;\n"
                    + "    public Job(long timeout) { this.timeout = timeout; }\n"
                    + "    public long getTimeout() { return timeout; }\n  }\n"),
            "Jackson can write a kotlin.time.Duration but has no way to read one back",
            "@Nullable Job job"),
        error(
            "kapt stub of a nested Kotlin class whose constructor parameter no property carries",
            kaptRange(
                List.of(
                    property("low", kmType("kotlin/Int", false)),
                    property("high", kmType("kotlin/Int", false))),
                "from",
                "to",
                "    public Range(int from, int to) { this.low = from; this.high = to; }\n"
                    + "    public int getLow() { return low; }\n    public int getHigh() { return high; }\n"),
            "component 'range' has unsupported type test.Bad.Range: test.Bad.Range cannot be read back:"
                + " Jackson creates it through its constructor, whose parameter 'from' is named after"
                + " none of the properties it writes (low, high)",
            "@Nullable Range range"),
        error(
            "kapt stub of a nested Kotlin class whose constructor parameter only a private property"
                + " carries",
            kaptRange(
                List.of(
                    privateProperty("low", kmType("kotlin/Int", false)),
                    property("high", kmType("kotlin/Int", false))),
                "low",
                "high",
                "    public Range(int low, int high) { this.low = low; this.high = high; }\n"
                    + "    public int getHigh() { return high; }\n"),
            "component 'range' has unsupported type test.Bad.Range: test.Bad.Range cannot be read back:"
                + " Jackson creates it through its constructor, whose parameter 'low' is named after"
                + " none of the properties it writes (high)",
            "@Nullable Range range"),
        error(
            "kapt stub with a nullable map key",
            kotlinMetadata(
                    parameter("id", kmType("kotlin/String", false)),
                    parameter("version", kmType("kotlin/Long", false)),
                    parameter(
                        "keyed",
                        kmType(
                            "kotlin/collections/Map",
                            false,
                            kmType("kotlin/String", true),
                            kmType("kotlin/String", false))))
                + "\n@Instance(name = \"bad\")\npublic final class Bad {\n"
                + "  private final String id;\n  private final long version;\n"
                + "  private final java.util.Map<String, String> keyed;\n"
                + "  public Bad(@InstanceId String id, @Version long version,"
                + " java.util.Map<String, String> keyed) {\n"
                + "    this.id = id; this.version = version; this.keyed = keyed;\n  }\n"
                + "  public String getId() { return id; }\n  public long getVersion() { return version; }\n"
                + "  public java.util.Map<String, String> getKeyed() { return keyed; }\n}\n",
            "component 'keyed' has unsupported type java.util.Map<java.lang.String, java.lang.String>:"
                + " map keys are never null (a JSON object's keys are strings); use a non-null key type",
            "java.util.Map<String, String> keyed) {"),
        error(
            "kapt stub with a component Kotlin reads through another's getter",
            kotlinMetadata("id", "version", "name", "getName")
                + "\n@Instance(name = \"bad\")\npublic final class Bad {\n"
                + "  private final String id;\n  private final long version;\n"
                + "  private final String name;\n  private final String getName;\n"
                + "  public Bad(@InstanceId String id, @Version long version,\n"
                + "      String name,\n      String getName) {\n"
                + "    this.id = id; this.version = version; this.name = name; this.getName = getName;\n  }\n"
                + "  public String getId() { return id; }\n  public long getVersion() { return version; }\n"
                + "  public String getName() { return name; }\n"
                + "  public String getGetName() { return getName; }\n}\n",
            "component 'name' clashes with the generated BadChanges.getName() of component 'getName',"
                + " which Kotlin reads as the property 'name'; rename the component",
            "String name,"),
        error(
            "kapt stub of a class with a property named like a Java keyword",
            kotlinMetadata("id", "version", "long")
                + "\n@Instance(name = \"bad\")\npublic final class Bad {\n"
                + "  @InstanceId private final String id;\n  @Version private final long version;\n"
                + "  public Bad(@InstanceId String id, @Version long version, double p2_1663806) {\n"
                + "    this.id = id; this.version = version;\n  }\n"
                + "  public String getId() { return id; }\n  public long getVersion() { return version; }\n"
                + "  public double getLong() { return 0; }\n}\n",
            "@Instance class Bad has properties that are Java keywords or no Java identifiers (long),"
                + " which kapt leaves out of the Java stub that Burrow reads; process Bad with KSP",
            "final class Bad"),
        component(
            "@Indexed on a list",
            "@Indexed List<String> names",
            "@Indexed is not allowed on component 'names' of type java.util.List<java.lang.String>:"
                + " a collection has no single value to find it by",
            "@Indexed List"),
        component(
            "@Indexed on a map",
            "@Indexed Map<String, String> labels",
            "@Indexed is not allowed on component 'labels' of type"
                + " java.util.Map<java.lang.String, java.lang.String>: a collection",
            "@Indexed Map"),
        error(
            "@Indexed on a nested type",
            badRecord("@Indexed @Nullable Item item", "\n  public record Item(String sku) {}\n"),
            "@Indexed is not allowed on component 'item' of type test.Bad.Item: a nested type has"
                + " no single text form",
            "@Indexed @Nullable Item item"),
        component(
            "@Indexed on a double",
            "@Indexed double ratio",
            "@Indexed is not allowed on component 'ratio' of type double: its values have no stable"
                + " text form",
            "@Indexed double"),
        component(
            "@Indexed on a boxed float",
            "@Indexed @Nullable Float ratio",
            "@Indexed is not allowed on component 'ratio' of type java.lang.Float",
            "@Indexed @Nullable Float"),
        component(
            "@Indexed on a URI",
            "@Indexed java.net.@Nullable URI link",
            "@Indexed is not allowed on component 'link' of type java.net.URI",
            "@Indexed java.net.@Nullable URI"),
        component(
            "@Indexed on a Path",
            "@Indexed java.nio.file.@Nullable Path file",
            "@Indexed is not allowed on component 'file' of type java.nio.file.Path",
            "@Indexed java.nio.file.@Nullable Path"),
        error(
            "@Indexed on @Version",
            "@Instance(name = \"bad\")\npublic record Bad(@InstanceId String id,\n"
                + "@Indexed @Version long version) {}\n",
            "@Indexed is not allowed on @Version component 'version': Burrow manages its value",
            "@Indexed @Version"),
        component(
            "@Indexed on @CreatedAt",
            "@Indexed @CreatedAt Instant created",
            "@Indexed is not allowed on @CreatedAt component 'created'",
            "@Indexed @CreatedAt"),
        component(
            "indexed components whose finders share a name",
            "@Indexed String aB,\n@Indexed String AB",
            "component 'AB' clashes with the generated BadStore.findByAB(...) of component 'aB';"
                + " rename the component",
            "@Indexed String AB"),
        component(
            "more @Indexed components than the limit",
            "@Indexed String a, @Indexed String b, @Indexed String c, @Indexed String d,\n"
                + "@Indexed String e, @Indexed String f, @Indexed String g, @Indexed String h,\n"
                + "@Indexed String i",
            "Bad has 9 @Indexed components (a, b, c, d, e, f, g, h, i), more than the limit of 8",
            "public record Bad"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheErrorOnTheOffendingLine(String name, String body, String message, String line) {
    JavaFileObject source = source(body);
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  /**
   * javac shows a processor no local type, so the local record is found in the source; javac runs
   * the processor for a compilation with a claimed annotation outside a method body, here {@code
   * Fine}'s.
   */
  @ParameterizedTest
  @ValueSource(strings = {"@Instance", "@dev.burrow.Instance"})
  void aLocalInstanceTypeIsReportedWhereItIsDeclared(String annotation) {
    JavaFileObject source =
        source(
            "@Instance(name = \"fine\")\npublic record Bad("
                + ID_VERSION
                + ") {\n  static void run() {\n    "
                + annotation
                + "(name = \"local\")\n    record Local("
                + ID_VERSION
                + ") {}\n  }\n}\n");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation)
        .hadErrorContaining(
            "@Instance type Local must not be local (declared in a function or block)")
        .inFile(source)
        .onLineContaining("record Local");
    assertEquals(1, compilation.errors().size(), compilation.errors().toString());
  }

  @Test
  void aLocalTypeWithAnotherInstanceAnnotationIsNotReported() {
    JavaFileObject other =
        JavaFileObjects.forSourceString(
            "elsewhere.Instance", "package elsewhere;\npublic @interface Instance {}\n");
    JavaFileObject source =
        JavaFileObjects.forSourceString(
            "test.Fine",
            "package test;\nimport dev.burrow.InstanceId;\nimport dev.burrow.Version;\n"
                + "import elsewhere.Instance;\n"
                + "@dev.burrow.Instance(name = \"fine\")\npublic record Fine("
                + ID_VERSION
                + ") {\n  static void run() {\n    @Instance\n    record Local(String id) {}\n  }\n}\n");
    assertThat(Compilations.compile(source, other)).succeeded();
  }

  @Test
  void nestedTypesJacksonReadsBackAreAccepted() {
    JavaFileObject source =
        source(
            "@Instance(name = \"fine\")\npublic record Bad("
                + ID_VERSION
                + ",\n@Nullable Locale locale, @Nullable Currency currency, @Nullable Job job,"
                + " @Nullable Bean bean, @Nullable Single single, List<Job> jobs,"
                + " @Nullable Link link, @Nullable Renamed renamed,"
                + " @Nullable ZonedDateTime zoned, @Nullable OffsetTime time, @Nullable Period period,"
                + " @Nullable Year year, @Nullable YearMonth month, @Nullable MonthDay day) {\n"
                + "  public record Job(String name, Optional<String> note, int[] counts, ZoneId zone,"
                + " ZoneOffset offset) {}\n"
                + "  public static final class Bean {\n    private String a = \"\";\n"
                + "    public String getA() { return a; }\n    public void setA(String a) { this.a = a; }\n  }\n"
                + "  public static final class Single {\n    private final String a;\n"
                + "    public Single(String a) { this.a = a; }\n    public String getA() { return a; }\n  }\n"
                + "  public static class Base {\n    public String getName() { return \"\"; }\n  }\n"
                + "  public static final class Link extends Base {\n    public final boolean open;\n"
                + "    public Link(String name, String url, boolean open) { this.open = open; }\n"
                + "    public String getURL() { return \"\"; }\n  }\n"
                + "  public static final class Renamed {\n    public Renamed(String to) {}\n"
                + "    @com.fasterxml.jackson.annotation.JsonProperty(\"to\")"
                + " public String getTarget() { return \"\"; }\n  }\n"
                + "}\n");
    assertThat(Compilations.compilerForForeignAnnotations().compile(source)).succeeded();
  }

  @Test
  void aProtectedTypeOfASuperclassInAnotherPackageIsReportedOnTheComponent() {
    JavaFileObject base =
        JavaFileObjects.forSourceString(
            "other.Base",
            "package other;\npublic class Base {\n  protected enum Mode { A, B }\n"
                + "  protected record Item(String x) {}\n}\n");
    JavaFileObject holder =
        JavaFileObjects.forSourceString(
            "test.Holder",
            "package test;\nimport dev.burrow.*;\nimport java.util.List;\n"
                + "public class Holder extends other.Base {\n"
                + "  @Instance(name = \"runs\")\n  public record Run("
                + ID_VERSION
                + ",\n  @Default(\"A\") Mode mode,\n  List<Item> items) {}\n}\n");
    Compilation compilation = Compilations.compile(base, holder);
    assertThat(compilation)
        .hadErrorContaining(
            "component 'mode' has unsupported type other.Base.Mode: other.Base.Mode is private, or"
                + " protected or package-private in another package")
        .inFile(holder)
        .onLineContaining("Mode mode");
    assertThat(compilation)
        .hadErrorContaining(
            "component 'items' has unsupported type java.util.List<other.Base.Item>:"
                + " other.Base.Item is private")
        .inFile(holder)
        .onLineContaining("List<Item> items");
    assertErrorCount(compilation, 0, "has protected access");
  }

  /**
   * kapt's stub spells Kotlin's {@code List<String?>} {@code List<String>}; the Kotlin metadata
   * says the elements are nullable, and the generated API takes null elements.
   */
  @Test
  void underKaptANullableTypeArgumentIsReadFromTheKotlinMetadata() {
    JavaFileObject stub =
        source(
            kotlinMetadata(
                    parameter("id", kmType("kotlin/String", false)),
                    parameter("version", kmType("kotlin/Long", false)),
                    parameter(
                        "items",
                        kmType("kotlin/collections/List", false, kmType("kotlin/String", true))))
                + "\n@Instance(name = \"fine\")\npublic final class Bad {\n"
                + "  private final String id;\n  private final long version;\n"
                + "  private final List<String> items;\n"
                + "  public Bad(@InstanceId String id, @Version long version, List<String> items) {\n"
                + "    this.id = id; this.version = version; this.items = items;\n  }\n"
                + "  public String getId() { return id; }\n  public long getVersion() { return version; }\n"
                + "  public List<String> getItems() { return items; }\n}\n");
    Compilation compilation = Compilations.compilerForForeignAnnotations().compile(stub);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.BadChanges")
        .contentsAsUtf8String()
        .contains("public BadChanges items(List<@Nullable String> items) {");
  }

  /**
   * kapt's stub of {@code @get:JvmName("fetchName") val name: String} has the getter {@code
   * fetchName()}, which the Kotlin metadata names, as KSP reads it.
   */
  @Test
  void underKaptAGetterRenamedWithJvmNameIsReadThroughTheKotlinMetadata() {
    KmProperty name = new KmProperty("name");
    name.setReturnType(kmType("kotlin/String", false));
    JvmExtensionsKt.setGetterSignature(
        name, new JvmMethodSignature("fetchName", "()Ljava/lang/String;"));
    JavaFileObject stub =
        source(
            kotlinMetadata(
                    List.of(name),
                    parameter("id", kmType("kotlin/String", false)),
                    parameter("version", kmType("kotlin/Long", false)),
                    parameter("name", kmType("kotlin/String", false)))
                + "\n@Instance(name = \"fine\")\npublic final class Bad {\n"
                + "  private final String id;\n  private final long version;\n"
                + "  private final String name;\n"
                + "  public Bad(@InstanceId String id, @Version long version, String name) {\n"
                + "    this.id = id; this.version = version; this.name = name;\n  }\n"
                + "  public String getId() { return id; }\n  public long getVersion() { return version; }\n"
                + "  public String fetchName() { return name; }\n}\n");
    Compilation compilation = Compilations.compilerForForeignAnnotations().compile(stub);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.BadSchema")
        .contentsAsUtf8String()
        .contains("instance.fetchName()");
  }

  /**
   * The classes a kapt stub's Kotlin metadata names are judged as Jackson reads them: an {@code
   * Instant} and a {@code UUID} read back, and only the missing Kotlin module is reported.
   */
  @Test
  void underKaptTheReadableClassesTheMetadataNamesAreAccepted() {
    JavaFileObject source =
        source(
            "@Instance(name = \"fine\")\npublic record Bad("
                + ID_VERSION
                + ",\n@Nullable Job job) {\n  "
                + kotlinMetadata(
                    "test/Bad.Job",
                    List.of(),
                    parameter("at", kmType("java/time/Instant", false)),
                    parameter("key", kmType("java/util/UUID", true)))
                + "\n  public static final class Job {\n"
                + "    public Job(java.time.Instant at, java.util.UUID key) {}\n"
                + "    public java.time.Instant getAt() { return null; }\n"
                + "    public java.util.UUID getKey() { return null; }\n  }\n}\n");
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("stores the Kotlin class test.Bad.Job, which Jackson reads back only");
  }

  @Test
  void aProtectedTypeOfTheSamePackageIsAccepted() {
    JavaFileObject base =
        JavaFileObjects.forSourceString(
            "test.Base", "package test;\npublic class Base {\n  protected enum Mode { A, B }\n}\n");
    JavaFileObject holder =
        JavaFileObjects.forSourceString(
            "test.Holder",
            "package test;\nimport dev.burrow.*;\n"
                + "public class Holder extends Base {\n"
                + "  @Instance(name = \"runs\")\n  public record Run("
                + ID_VERSION
                + ",\n  @Default(\"A\") Mode mode) {}\n}\n");
    assertThat(Compilations.compile(base, holder)).succeededWithoutWarnings();
  }

  @Test
  void generatedNameTakenByAnExistingType() {
    JavaFileObject record =
        source("@Instance(name = \"bad\")\npublic record Bad(" + ID_VERSION + ") {}\n");
    JavaFileObject existing =
        JavaFileObjects.forSourceString(
            "test.BadStore", "package test;\npublic class BadStore {}\n");
    Compilation compilation = Compilations.compile(record, existing);
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate test.BadStore for Bad: a type of that name exists already")
        .inFile(record)
        .onLineContaining("public record Bad");
  }

  @Test
  void indexNameTakenByAnExistingTypeOnlyMattersWithAnIndexedComponent() {
    JavaFileObject existing =
        JavaFileObjects.forSourceString(
            "test.BadIndex", "package test;\npublic class BadIndex {}\n");
    JavaFileObject plain =
        source("@Instance(name = \"bad\")\npublic record Bad(" + ID_VERSION + ") {}\n");
    assertThat(Compilations.compile(plain, existing)).succeededWithoutWarnings();

    JavaFileObject indexed =
        source(
            "@Instance(name = \"bad\")\npublic record Bad("
                + ID_VERSION
                + ", @Indexed String owner) {}\n");
    assertThat(Compilations.compile(indexed, existing))
        .hadErrorContaining(
            "cannot generate test.BadIndex for Bad: a type of that name exists already")
        .inFile(indexed)
        .onLineContaining("public record Bad");
  }

  /**
   * A record {@code Task} in package {@code pkg}, with {@code attributes} in its {@code @Instance}.
   */
  private static JavaFileObject task(String pkg, String attributes) {
    return JavaFileObjects.forSourceString(
        pkg + ".Task",
        "package "
            + pkg
            + ";\nimport dev.burrow.*;\n@Instance("
            + attributes
            + ")\npublic record Task("
            + ID_VERSION
            + ") {}\n");
  }

  @Test
  void aNestedTypeAndATopLevelTypeWhoseGeneratedClassesShareNames() {
    JavaFileObject nested =
        JavaFileObjects.forSourceString(
            "shop.Order",
            "package shop;\nimport dev.burrow.*;\npublic class Order {\n"
                + "  @Instance(name = \"lines\")\n  public record Line("
                + ID_VERSION
                + ") {}\n}\n");
    JavaFileObject topLevel =
        JavaFileObjects.forSourceString(
            "shop.Order_Line",
            "package shop;\nimport dev.burrow.*;\n@Instance(name = \"order-lines\")\n"
                + "public record Order_Line("
                + ID_VERSION
                + ") {}\n");
    Compilation compilation = Compilations.compile(nested, topLevel);
    String rename =
        " gets classes of the same names (a nested type's generated names join the enclosing"
            + " types' names with _); rename one of the two types";
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate shop.Order_LineStore and the other classes for shop.Order.Line:"
                + " shop.Order_Line"
                + rename)
        .inFile(nested)
        .onLineContaining("public record Line");
    assertThat(compilation)
        .hadErrorContaining(
            "cannot generate shop.Order_LineStore and the other classes for shop.Order_Line:"
                + " shop.Order.Line"
                + rename)
        .inFile(topLevel)
        .onLineContaining("public record Order_Line");
    assertEquals(2, compilation.errors().size(), compilation.errors().toString());
    assertEquals(0, compilation.warnings().size(), compilation.warnings().toString());
  }

  @Test
  void twoTypesOfOneKindNameShareTheirDefaultRoot() {
    JavaFileObject a = task("a", "name = \"tasks\"");
    JavaFileObject b = task("b", "name = \"tasks\"");
    Compilation compilation = Compilations.compile(a, b);
    assertErrorOnTheRecord(
        compilation,
        a,
        "a.Task has the default data root \"~/.burrow/tasks\", as b.Task has, and both have the"
            + " same @Instance name: their instances would mix in one folder; give each its own"
            + " default root: a different @Instance name (the default root is ~/.burrow/<name>)"
            + " or defaultDataRoot");
    assertErrorOnTheRecord(
        compilation, b, "b.Task has the default data root \"~/.burrow/tasks\", as a.Task has");
    assertEquals(2, compilation.errors().size(), compilation.errors().toString());
  }

  @Test
  void twoKindsWithOneDefaultRootSpelledTwoWays() {
    JavaFileObject a = task("a", "name = \"a-tasks\", defaultDataRoot = \"~/.shop/\"");
    JavaFileObject b = task("b", "name = \"b-tasks\", defaultDataRoot = \"~/./.Shop\"");
    Compilation compilation = Compilations.compile(a, b);
    assertErrorOnTheRecord(
        compilation,
        a,
        "a.Task has the default data root \"~/.shop/\", the same folder as b.Task's"
            + " \"~/./.Shop\": whichever opens it second would be refused as another kind");
    assertErrorOnTheRecord(
        compilation,
        b,
        "b.Task has the default data root \"~/./.Shop\", the same folder as a.Task's");
  }

  @Test
  void oneKindNameWithTwoDefaultRootsCompiles() {
    assertThat(
            Compilations.compile(
                task("a", "name = \"tasks\", defaultDataRoot = \"~/.burrow/tasks-v1\""),
                task("b", "name = \"tasks\"")))
        .succeededWithoutWarnings();
  }

  @Test
  void twoKindsNamingOneDataRootEnv() {
    JavaFileObject a = task("a", "name = \"a-tasks\", dataRootEnv = \"SHOP_DATA\"");
    JavaFileObject b = task("b", "name = \"b-tasks\", dataRootEnv = \"SHOP_DATA\"");
    Compilation compilation = Compilations.compile(a, b);
    assertErrorOnTheRecord(
        compilation,
        a,
        "a.Task has dataRootEnv \"SHOP_DATA\", as b.Task has: whenever it is set, both open"
            + " one data root, and whichever opens it second would be refused as another kind;"
            + " the variable names one kind's data root, not a parent folder of several, so"
            + " give each its own dataRootEnv");
    assertErrorOnTheRecord(
        compilation, b, "b.Task has dataRootEnv \"SHOP_DATA\", as a.Task has: whenever");
    assertEquals(2, compilation.errors().size(), compilation.errors().toString());
  }

  @Test
  void twoTypesOfOneKindNameNamingOneDataRootEnvSpelledTwoWays() {
    JavaFileObject a =
        task("a", "name = \"tasks\", dataRootEnv = \"TASKS_DIR\", defaultDataRoot = \"~/.a\"");
    JavaFileObject b =
        task("b", "name = \"tasks\", dataRootEnv = \"tasks_dir\", defaultDataRoot = \"~/.b\"");
    Compilation compilation = Compilations.compile(a, b);
    assertErrorOnTheRecord(
        compilation,
        a,
        "a.Task has dataRootEnv \"TASKS_DIR\", the same variable as b.Task's \"tasks_dir\", and"
            + " both have the same @Instance name: whenever it is set, their instances would mix"
            + " in one folder");
    assertErrorOnTheRecord(
        compilation,
        b,
        "b.Task has dataRootEnv \"tasks_dir\", the same variable as a.Task's \"TASKS_DIR\"");
    assertEquals(2, compilation.errors().size(), compilation.errors().toString());
  }

  @Test
  void kindsWithADataRootEnvEachCompile() {
    assertThat(
            Compilations.compile(
                task("a", "name = \"a-tasks\", dataRootEnv = \"A_DIR\""),
                task("b", "name = \"b-tasks\", dataRootEnv = \"B_DIR\""),
                task("c", "name = \"c-tasks\"")))
        .succeededWithoutWarnings();
  }

  @Test
  void componentTypeThatNeverResolves() {
    JavaFileObject source = source(badRecord("Missing missing", ""));
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation)
        .hadErrorContaining("component 'missing' has type Missing, which could not be resolved")
        .inFile(source)
        .onLineContaining("Missing missing");
    assertErrorCount(compilation, 1, "which could not be resolved");
  }

  @Test
  void defaultValueThatNeverResolves() {
    JavaFileObject source =
        source(badRecord("@Default(Missing.X) String label,\n@Default(MISSING) String note", ""));
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation)
        .hadErrorContaining(
            "component 'label' has @Default(Missing.X) whose value could not be resolved: write a"
                + " string literal, or name a constant (a static final String) the compiler can"
                + " see: import its class, or add the library that declares it")
        .inFile(source)
        .onLineContaining("@Default(Missing.X)");
    assertThat(compilation)
        .hadErrorContaining(
            "component 'note' has @Default(MISSING) whose value could not be resolved")
        .inFile(source)
        .onLineContaining("@Default(MISSING)");
    assertErrorCount(compilation, 2, "could not be resolved");
  }

  @Test
  void defaultValueSpelledLikeJavacsErrorCompiles() {
    assertThat(
            Compilations.compile(
                source(
                    "@Instance(name = \"fine\")\npublic record Bad("
                        + ID_VERSION
                        + ",\n@Default(\"<error>\") String label) {}\n")))
        .succeededWithoutWarnings();
  }

  @Test
  void runtimeMissingFromTheClassPath() throws URISyntaxException {
    JavaFileObject source =
        source("@Instance(name = \"bad\")\npublic record Bad(" + ID_VERSION + ") {}\n");
    Compilation compilation =
        Compilations.compiler()
            .withClasspath(List.of(jarOf(Instance.class), jarOf(NullMarked.class)))
            .compile(source);
    assertThat(compilation)
        .hadErrorContaining(
            "burrow-runtime is not on the compile class path, but the code generated for Bad uses it")
        .inFile(source)
        .onLineContaining("public record Bad");
  }

  /**
   * A named module that does not require dev.burrow.runtime, with burrow-runtime on the module path
   * only, or in the module graph all the same ({@code --add-modules}): the error names the line to
   * add, not a dependency the build has, nor javac's errors on generated code. (javac on files:
   * compile-testing's in-memory files do not compile as a module.)
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void runtimeNotReadByTheNamedModule(boolean inTheGraph, @TempDir Path dir)
      throws URISyntaxException, IOException {
    Path module =
        Files.writeString(
            dir.resolve("module-info.java"), "module m { requires dev.burrow.api; }\n");
    Path source =
        Files.writeString(
            Files.createDirectories(dir.resolve("test")).resolve("Bad.java"),
            HEADER + "@Instance(name = \"bad\")\npublic record Bad(" + ID_VERSION + ") {}\n");
    String modulePath =
        Stream.of(
                jarOf(Instance.class),
                jarOf(NullMarked.class),
                jarOf(StoreEngine.class),
                jarOf(JsonMapper.class),
                jarOf(JsonParser.class),
                jarOf(JsonProperty.class))
            .map(File::getPath)
            .collect(Collectors.joining(File.pathSeparator));
    List<String> options =
        new ArrayList<>(
            List.of(
                "-Xlint:all",
                "-Werror",
                "--module-path",
                modulePath,
                "-classpath",
                dir.toString(),
                "-d",
                dir.resolve("out").toString()));
    if (inTheGraph) {
      options.addAll(List.of("--add-modules", "dev.burrow.runtime"));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, options, null, files.getJavaFileObjects(module, source));
      task.setProcessors(List.of(new InstanceProcessor()));
      assertFalse(task.call());
    }
    List<String> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
            .toList();
    assertEquals(
        List.of(
            source
                + ":7: the code generated for Bad uses burrow-runtime, which module m does not read;"
                + " add the line `requires dev.burrow.runtime;` to the module-info.java of m (and the"
                + " dependency dev.burrow:burrow-runtime, if the build lacks it)"),
        errors);
  }

  /**
   * Asserts that {@code compilation} reported an error containing {@code text} on {@code source}'s
   * record declaration.
   */
  private static void assertErrorOnTheRecord(
      Compilation compilation, JavaFileObject source, String text) {
    assertThat(compilation)
        .hadErrorContaining(text)
        .inFile(source)
        .onLineContaining("public record Task");
  }

  /** Asserts that {@code compilation} reported {@code expected} errors containing {@code text}. */
  private static void assertErrorCount(Compilation compilation, long expected, String text) {
    assertEquals(
        expected,
        compilation.errors().stream().filter(e -> e.getMessage(null).contains(text)).count(),
        compilation.errors().toString());
  }

  /**
   * {@code @kotlin.Metadata} as kotlinc writes it for a class {@code test.Bad} whose primary
   * constructor takes {@code parameters}, as kapt copies it into its stub.
   */
  private static String kotlinMetadata(String... parameters) {
    return kotlinMetadata(
        Arrays.stream(parameters)
            .map(name -> parameter(name, kmType("kotlin/Any", false)))
            .toArray(KmValueParameter[]::new));
  }

  /** A constructor parameter {@code name} of the Kotlin type {@code type}. */
  private static KmValueParameter parameter(String name, KmType type) {
    KmValueParameter parameter = new KmValueParameter(name);
    parameter.setType(type);
    return parameter;
  }

  /** A Kotlin property {@code name} of the Kotlin type {@code type}. */
  private static KmProperty property(String name, KmType type) {
    KmProperty property = new KmProperty(name);
    property.setReturnType(type);
    return property;
  }

  /**
   * A private Kotlin property {@code name} of the Kotlin type {@code type}: {@code private val} in
   * the primary constructor, or in the class body.
   */
  private static KmProperty privateProperty(String name, KmType type) {
    KmProperty property = property(name, type);
    Attributes.setVisibility(property, Visibility.PRIVATE);
    return property;
  }

  /** The Kotlin type {@code classifier<arguments>}, with {@code ?} if {@code nullable}. */
  private static KmType kmType(String classifier, boolean nullable, KmType... arguments) {
    KmType type = new KmType();
    type.setClassifier(new KmClassifier.Class(classifier));
    Attributes.setNullable(type, nullable);
    for (KmType argument : arguments) {
      type.getArguments().add(new KmTypeProjection(KmVariance.INVARIANT, argument));
    }
    return type;
  }

  /**
   * {@code @kotlin.Metadata} as kotlinc writes it for a class {@code test.Bad} whose primary
   * constructor takes {@code parameters}.
   */
  private static String kotlinMetadata(KmValueParameter... parameters) {
    return kotlinMetadata(List.of(), parameters);
  }

  /**
   * {@code @kotlin.Metadata} as kotlinc writes it for a class {@code test.Bad} with {@code
   * properties} whose primary constructor takes {@code parameters}.
   */
  private static String kotlinMetadata(
      List<KmProperty> properties, KmValueParameter... parameters) {
    return kotlinMetadata("test/Bad", properties, parameters);
  }

  /**
   * {@code @kotlin.Metadata} as kotlinc writes it for a class {@code name} ({@code test/Bad.Job}
   * for a nested class) with {@code properties} whose primary constructor takes {@code parameters}.
   */
  private static String kotlinMetadata(
      String name, List<KmProperty> properties, KmValueParameter... parameters) {
    KmConstructor constructor = new KmConstructor();
    constructor.getValueParameters().addAll(Arrays.asList(parameters));
    KmClass bad = new KmClass();
    bad.setName(name);
    bad.getConstructors().add(constructor);
    bad.getProperties().addAll(properties);
    return kotlinMetadata(bad);
  }

  /**
   * {@code @kotlin.Metadata} as kotlinc writes it for the sealed class or interface {@code name}
   * whose direct subclasses are {@code subclasses}, which kapt's stub does not declare.
   */
  private static String sealedMetadata(String name, String... subclasses) {
    KmClass sealed = new KmClass();
    sealed.setName(name);
    sealed.getSealedSubclasses().addAll(Arrays.asList(subclasses));
    return kotlinMetadata(sealed);
  }

  /**
   * {@code @kotlin.Metadata} as kotlinc writes it for the class {@code name} with {@code count}
   * secondary constructors and no primary one.
   */
  private static String secondaryOnlyMetadata(String name, int count) {
    KmClass kotlinClass = new KmClass();
    kotlinClass.setName(name);
    for (int i = 0; i < count; i++) {
      KmConstructor constructor = new KmConstructor();
      Attributes.setSecondary(constructor, true);
      kotlinClass.getConstructors().add(constructor);
    }
    return kotlinMetadata(kotlinClass);
  }

  /** {@code @kotlin.Metadata} as kotlinc writes it for {@code kotlinClass}. */
  private static String kotlinMetadata(KmClass kotlinClass) {
    Metadata metadata =
        new KotlinClassMetadata.Class(kotlinClass, JvmMetadataVersion.LATEST_STABLE_SUPPORTED, 0)
            .write();
    return "@kotlin.Metadata(mv = {"
        + Arrays.stream(metadata.mv()).mapToObj(String::valueOf).collect(Collectors.joining(", "))
        + "}, k = "
        + metadata.k()
        + ", xi = "
        + metadata.xi()
        + ", d1 = "
        + javaStrings(metadata.d1())
        + ", d2 = "
        + javaStrings(metadata.d2())
        + ")";
  }

  /** {@code values} as a Java array initializer of string literals, every odd character escaped. */
  private static String javaStrings(String[] values) {
    return Arrays.stream(values)
        .map(
            value ->
                value
                    .chars()
                    .mapToObj(
                        c ->
                            c >= ' ' && c < 0x7f && c != '"' && c != '\\'
                                ? String.valueOf((char) c)
                                : c < 0x100
                                    ? String.format("\\%03o", c)
                                    : String.format("\\u%04x", c))
                    .collect(Collectors.joining("", "\"", "\"")))
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static File jarOf(Class<?> type) throws URISyntaxException {
    return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
