package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource
import java.io.File
import java.nio.file.Files
import javax.tools.ToolProvider
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * One case per diagnostic, the Kotlin counterpart of the javac processor's: the message, reported
 * by KSP on the line of the offending symbol. All cases are compiled together, each class in its
 * own file with its own name (`Bad` becomes `Bad7` in the source and in the message).
 */
class KspDiagnosticsTest {
    /**
     * A source with one bad class, the message it must give, and text of the line it goes on; in
     * package [pkg].
     */
    class Case(val name: String, val body: String, val message: String, val line: String, val pkg: String = "test")

    companion object {
        private const val ID_VERSION = "@InstanceId val id: String, @Version val version: Long"

        private fun error(name: String, body: String, message: String, line: String, pkg: String = "test") =
            Case(name, body, message, line, pkg)

        private fun component(name: String, components: String, message: String, line: String) =
            Case(name, "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\n$components)\n", message, line)

        /** A default data root, as written in Kotlin source, that names a variable Burrow does not expand. */
        private fun dataRoot(name: String, root: String, variable: String) = Case(
            name,
            "@Instance(name = \"bad\",\n    defaultDataRoot = \"$root\")\ndata class Bad($ID_VERSION)\n",
            "@Instance defaultDataRoot \"${root.replace("\\\\", "\\").replace("\\${'$'}", "${'$'}")}\" is used as " +
                "written, so $variable would be a folder name, not expanded: Burrow expands only a leading ~/ (the " +
                "user's home directory); write \"~/...\" for a folder in the home directory, name an environment " +
                "variable in dataRootEnv, or pass the path to open(Path) or StoreOptions.withDataRoot at run time",
            "defaultDataRoot",
        )

        private val CASES = listOf(
            error(
                "interface",
                "@Instance(name = \"bad\")\ninterface Bad\n",
                "@Instance must be on a record or a Kotlin data class, but Bad is an interface; declare it as a data " +
                    "class, such as: data class Bad(@InstanceId val id: String, @Version val version: Long, ...)",
                "interface Bad",
            ),
            error("enum", "@Instance(name = \"bad\")\nenum class Bad { A }\n", "but Bad is an enum", "enum class Bad"),
            error("object", "@Instance(name = \"bad\")\nobject Bad\n", "but Bad is an object", "object Bad"),
            error(
                "annotation class",
                "@Instance(name = \"bad\")\nannotation class Bad\n",
                "but Bad is an annotation type",
                "annotation class Bad",
            ),
            error(
                "abstract class",
                "@Instance(name = \"bad\")\nabstract class Bad($ID_VERSION)\n",
                "but Bad is an abstract class",
                "abstract class Bad",
            ),
            error(
                "sealed class",
                "@Instance(name = \"bad\")\nsealed class Bad($ID_VERSION)\n",
                "but Bad is an abstract class",
                "sealed class Bad",
            ),
            error(
                "value class",
                "@Instance(name = \"bad\")\n@JvmInline\nvalue class Bad(@InstanceId val id: String)\n",
                "but Bad is a value class",
                "value class Bad",
            ),
            error(
                "class without primary constructor",
                "@Instance(name = \"bad\")\nclass Bad {\n  constructor(id: String)\n}\n",
                "@Instance class Bad needs a public or internal primary constructor that declares its components " +
                    "as properties (val), as a data class has; or declare Bad as a data class",
                "class Bad",
            ),
            error(
                "private primary constructor",
                "@Instance(name = \"bad\")\ndata class Bad private constructor($ID_VERSION)\n",
                "@Instance class Bad needs a public or internal primary constructor",
                "data class Bad",
            ),
            error(
                "constructor parameter that is not a property",
                "@Instance(name = \"bad\")\nclass Bad($ID_VERSION,\ncount: Int)\n",
                "constructor parameter 'count' is not a property; declare it with val",
                "count: Int",
            ),
            error(
                "private property",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nprivate val secret: String)\n",
                "property 'secret' is private; Burrow reads components through their getters",
                "private val secret",
            ),
            error(
                "@JvmField property",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\n@JvmField val count: Int)\n",
                "property 'count' is @JvmField, so it has no getter; Burrow reads components through their " +
                    "getters, so remove @JvmField",
                "val count",
            ),
            error(
                "hidden deprecated property",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\n" +
                    "@Deprecated(\"gone\", level = DeprecationLevel.HIDDEN) val legacy: String)\n",
                "property 'legacy' is @Deprecated with level HIDDEN, so its getter is synthetic and the generated " +
                    "Java cannot call it; Burrow reads components through their getters, so deprecate it with " +
                    "level WARNING or ERROR",
                "val legacy",
            ),
            error(
                "getter deprecated with level HIDDEN",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\n" +
                    "@get:Deprecated(\"gone\", level = DeprecationLevel.HIDDEN) val legacy: String)\n",
                "property 'legacy' is @Deprecated with level HIDDEN",
                "val legacy",
            ),
            error(
                "@get:JvmSynthetic property",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\n@get:JvmSynthetic val count: Int)\n",
                "property 'count' has @get:JvmSynthetic, so its getter is synthetic and the generated Java cannot " +
                    "call it; Burrow reads components through their getters, so remove @get:JvmSynthetic",
                "val count",
            ),
            error(
                "package named like a Java keyword",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION)\n",
                "@Instance type test.native.Bad cannot be named in Java source ('native' is a Java keyword), but " +
                    "the generated BadSchema, BadChanges, BadDirs and BadStore are Java in its package; rename the " +
                    "package or the class so that each part of its name is a Java identifier and no Java keyword",
                "data class Bad",
                "test.native",
            ),
            component(
                "component type in a package named like a Java keyword",
                "val mode: test.native.Mode = test.native.Mode.A",
                "component 'mode' has unsupported type test.native.Mode: Java source cannot name test.native.Mode " +
                    "('native' is a Java keyword), and the generated XSchema, XChanges and XStore are Java; rename " +
                    "its package or the class so that each part of its name is a Java identifier and no Java keyword",
                "val mode",
            ),
            component(
                "type argument in a package named like a Java keyword",
                "val spots: List<test.native.Spot> = emptyList()",
                "component 'spots' has unsupported type kotlin.collections.List<test.native.Spot>: Java source " +
                    "cannot name test.native.Spot ('native' is a Java keyword)",
                "val spots",
            ),
            error(
                "Kotlin class inside a nested data class in a package named like a Java keyword",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval carrier: BadCarrier? = null)\n\n" +
                    "data class BadCarrier(val spot: test.native.Spot)\n",
                "component 'carrier' has unsupported type test.BadCarrier?: Java source cannot name " +
                    "test.native.Spot ('native' is a Java keyword)",
                "val carrier",
            ),
            error(
                "generic class",
                "@Instance(name = \"bad\")\ndata class Bad<T>($ID_VERSION, val value: T?)\n",
                "@Instance type Bad must not be generic",
                "data class Bad<T>",
            ),
            error(
                "private nested class",
                "class BadOuter {\n  @Instance(name = \"bad\")\n  private data class Bad($ID_VERSION)\n}\n",
                "@Instance type Bad must not be private",
                "private data class Bad",
            ),
            error(
                "local class",
                "fun badOuter() {\n  @Instance(name = \"bad\")\n  data class Bad($ID_VERSION)\n}\n",
                "@Instance type Bad must not be local (declared in a function or block)",
                "data class Bad",
            ),
            error(
                "inner class",
                "class BadOuter {\n  @Instance(name = \"bad\")\n  inner class Bad($ID_VERSION)\n}\n",
                "@Instance class Bad is an inner class; remove the inner modifier or make it top-level",
                "inner class Bad",
            ),
            error(
                "missing @InstanceId",
                "@Instance(name = \"bad\")\ndata class Bad(val id: String, @Version val version: Long)\n",
                "Bad has no @InstanceId component; add one, such as: @InstanceId val id: String",
                "data class Bad",
            ),
            component(
                "duplicate @InstanceId",
                "@InstanceId val other: String",
                "more than one @InstanceId component ('id' and 'other'); keep exactly one",
                "val other",
            ),
            component(
                "second @InstanceId of another type",
                "@InstanceId val number: Int",
                "@InstanceId component 'number' must be a non-null String, not kotlin.Int",
                "val number",
            ),
            error(
                "@InstanceId of type Int",
                "@Instance(name = \"bad\")\ndata class Bad(\n@InstanceId val id: Int, @Version val version: Long)\n",
                "@InstanceId component 'id' must be a non-null String, not kotlin.Int",
                "@InstanceId val id",
            ),
            error(
                "@InstanceId nullable",
                "@Instance(name = \"bad\")\ndata class Bad(\n@InstanceId val id: String?, @Version val version: Long)\n",
                "@InstanceId component 'id' must be a non-null String, not kotlin.String?",
                "@InstanceId val id",
            ),
            error(
                "missing @Version",
                "@Instance(name = \"bad\")\ndata class Bad(@InstanceId val id: String, val version: Long)\n",
                "Bad has no @Version component; add one, such as: @Version val version: Long",
                "data class Bad",
            ),
            component(
                "duplicate @Version",
                "@Version val again: Long",
                "more than one @Version component ('version' and 'again')",
                "val again",
            ),
            error(
                "@Version of type Int",
                "@Instance(name = \"bad\")\ndata class Bad(@InstanceId val id: String,\n@Version val version: Int)\n",
                "@Version component 'version' must be a long (Kotlin: Long), not kotlin.Int",
                "@Version val version",
            ),
            error(
                "@Version nullable",
                "@Instance(name = \"bad\")\ndata class Bad(@InstanceId val id: String,\n@Version val version: Long?)\n",
                "must be a long (Kotlin: Long), not kotlin.Long?",
                "@Version val version",
            ),
            component(
                "@CreatedAt not an Instant",
                "@CreatedAt val created: String",
                "@CreatedAt component 'created' must be a java.time.Instant, not kotlin.String",
                "val created",
            ),
            component(
                "@UpdatedAt twice",
                "@UpdatedAt val a: Instant,\n@UpdatedAt val b: Instant",
                "more than one @UpdatedAt component ('a' and 'b')",
                "val b",
            ),
            component(
                "two roles on one component",
                "@CreatedAt @UpdatedAt val at: Instant",
                "component 'at' has both @CreatedAt and @UpdatedAt",
                "val at",
            ),
            error(
                "@Default on @Version",
                "@Instance(name = \"bad\")\ndata class Bad(@InstanceId val id: String,\n@Default(\"1\") @Version val version: Long)\n",
                "@Default is not allowed on @Version component 'version': Burrow manages its value",
                "@Default(\"1\")",
            ),
            component(
                "@Default not a number",
                "@Default(\"many\") val count: Int",
                "@Default(\"many\") cannot be parsed as kotlin.Int for component 'count': expected a whole number such as 42",
                "\"many\"",
            ),
            component(
                "@Default in digits other than 0 to 9",
                "@Default(\"\u0661\u0662\") val count: Long",
                "@Default(\"\u0661\u0662\") cannot be parsed as kotlin.Long for component 'count': expected a whole number such as 42",
                "\"\u0661\u0662\"",
            ),
            component(
                "@Default BigDecimal in digits other than 0 to 9",
                "@Default(\"\u0661.\u0665\") val price: java.math.BigDecimal",
                "@Default(\"\u0661.\u0665\") cannot be parsed as java.math.BigDecimal for component 'price': " +
                    "expected a decimal number such as 1.50",
                "\"\u0661.\u0665\"",
            ),
            component(
                "@Default UUID not in 8-4-4-4-12 form",
                "@Default(\"1-0-0-0-0\") val key: java.util.UUID",
                "@Default(\"1-0-0-0-0\") cannot be parsed as java.util.UUID for component 'key': expected a " +
                    "UUID such as 123e4567-e89b-12d3-a456-426614174000",
                "\"1-0-0-0-0\"",
            ),
            component(
                "@Default out of range",
                "@Default(\"300\") val tiny: Byte",
                "@Default(\"300\") cannot be parsed as kotlin.Byte for component 'tiny': expected a number from -128 to 127",
                "\"300\"",
            ),
            component(
                "@Default not a boolean",
                "@Default(\"yes\") val flag: Boolean",
                "cannot be parsed as kotlin.Boolean for component 'flag': expected true or false",
                "\"yes\"",
            ),
            component(
                "@Default not a duration",
                "@Default(\"30s\") val timeout: Duration",
                "@Default(\"30s\") cannot be parsed as java.time.Duration for component 'timeout': expected an ISO-8601 duration",
                "\"30s\"",
            ),
            component(
                "@Default not an instant",
                "@Default(\"yesterday\") val whenever: Instant",
                "cannot be parsed as java.time.Instant for component 'whenever'",
                "\"yesterday\"",
            ),
            component(
                "@Default not an enum constant",
                "@Default(\"LATER\") val day: DayOfWeek",
                "@Default(\"LATER\") is not a constant of java.time.DayOfWeek for component 'day': expected one of MONDAY",
                "\"LATER\"",
            ),
            component(
                "@Default on a collection",
                "@Default(\"a\") val names: List<String>",
                "@Default is not supported on component 'names' of type kotlin.collections.List<kotlin.String>",
                "\"a\"",
            ),
            component(
                "enum without default",
                "val day: DayOfWeek",
                "component 'day' of type java.time.DayOfWeek has no default value, which a fresh instance and " +
                    "documents written before the component existed need; give it a default value, add " +
                    "@Default(\"...\") or make its type nullable",
                "val day",
            ),
            component(
                "nested type without default",
                "val locale: java.util.Locale",
                "component 'locale' of type java.util.Locale has no default value, which a fresh instance and " +
                    "documents written before the component existed need; give it a default value, or make its " +
                    "type nullable",
                "val locale",
            ),
            component(
                "array",
                "val data: ByteArray",
                "component 'data' has unsupported type kotlin.ByteArray: arrays compare by identity in data " +
                    "classes; use a List",
                "val data",
            ),
            error(
                "vararg property",
                "@Instance(name = \"bad\")\nclass Bad($ID_VERSION,\n  vararg val tags: String)\n",
                "component 'tags' has unsupported type kotlin.Array<out kotlin.String>: arrays compare by identity in " +
                    "data classes; use a List",
                "vararg val tags",
            ),
            component(
                "Any",
                "val any: Any?",
                "unsupported type kotlin.Any?: Any has no stable JSON form",
                "val any",
            ),
            component(
                "Optional",
                "val maybe: java.util.Optional<String>",
                "unsupported type java.util.Optional<kotlin.String>: use the value type and make it nullable",
                "val maybe",
            ),
            component(
                "star projection",
                "val anything: List<*>",
                "unsupported type kotlin.collections.List<*>: star projections and variance are not supported",
                "val anything",
            ),
            component(
                "variance",
                "val numbers: MutableList<out Number>",
                "star projections and variance are not supported",
                "val numbers",
            ),
            component(
                "map with object keys",
                "val byList: Map<List<String>, String>",
                "map keys must have a string form",
                "val byList",
            ),
            component(
                "nullable map key",
                "val attrs: Map<String?, String> = emptyMap()",
                "component 'attrs' has unsupported type kotlin.collections.Map<kotlin.String?, kotlin.String>:" +
                    " map keys are never null (a JSON object's keys are strings); use a non-null key type",
                "val attrs",
            ),
            component(
                "other collection type",
                "val names: ArrayList<String>",
                "declare collections as List, Set or Map",
                "val names",
            ),
            component(
                "Collection",
                "val names: Collection<String>",
                "unsupported type kotlin.collections.Collection<kotlin.String>: declare collections as List, Set or Map",
                "val names",
            ),
            component(
                "interface type",
                "val task: Runnable?",
                "component 'task' has unsupported type java.lang.Runnable?: an interface or abstract class cannot be read " +
                    "back (java.lang.Runnable names no concrete type to create)",
                "val task",
            ),
            component(
                "JDK class Jackson cannot read back",
                "val worker: Thread?",
                "component 'worker' has unsupported type java.lang.Thread?: Jackson can write a java.lang.Thread " +
                    "but has no way to read one back, so the document could not be read; store the values you " +
                    "need in a record",
                "val worker",
            ),
            component(
                "java.time class Jackson cannot read back",
                "val date: java.time.chrono.JapaneseDate?",
                "component 'date' has unsupported type java.time.chrono.JapaneseDate?: Jackson can write a " +
                    "java.time.chrono.JapaneseDate but has no way to read one back",
                "val date",
            ),
            component(
                "JDK class Jackson cannot read back, as a list element",
                "val workers: List<Thread>",
                "Jackson can write a java.lang.Thread but has no way to read one back",
                "val workers",
            ),
            error(
                "constructor parameter named after no property Jackson writes, in a nested class",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval range: Range?) {\n" +
                    "  class Range(from: Int = 0, val high: Int = 0) { val low = from }\n}\n",
                "component 'range' has unsupported type test.Bad.Range?: test.Bad.Range cannot be read back: Jackson " +
                    "creates it through its constructor, whose parameter 'from' is named after none of the properties it writes",
                "val range",
            ),
            error(
                "constructor parameter that is a private property, in a nested class",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval range: Range?) {\n" +
                    "  class Range(private val low: Int = 0, val high: Int = 0)\n}\n",
                "component 'range' has unsupported type test.Bad.Range?: test.Bad.Range cannot be read back: Jackson " +
                    "creates it through its constructor, whose parameter 'low' is named after none of the properties it writes (high)",
                "val range",
            ),
            error(
                "JDK class Jackson cannot read back, inside a nested data class",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval job: Job?) {\n" +
                    "  data class Job(val name: String, val worker: Thread)\n}\n",
                "component 'job' has unsupported type test.Bad.Job?: Jackson can write a java.lang.Thread but has " +
                    "no way to read one back",
                "val job",
            ),
            error(
                "kotlin.time.Duration inside a nested data class",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval job: Job?) {\n" +
                    "  data class Job(val name: String, val timeouts: List<kotlin.time.Duration>)\n}\n",
                "component 'job' has unsupported type test.Bad.Job?: Jackson can write a kotlin.time.Duration but " +
                    "has no way to read one back",
                "val job",
            ),
            error(
                "JDK class Jackson cannot read back, inside a nested record",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval job: Job?) {\n" +
                    "  @JvmRecord data class Job(val name: String, val workers: Map<String, Thread>)\n}\n",
                "component 'job' has unsupported type test.Bad.Job?: Jackson can write a java.lang.Thread but has " +
                    "no way to read one back",
                "val job",
            ),
            error(
                "interface inside a nested data class",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval job: Job?) {\n" +
                    "  data class Job(val task: Runnable)\n}\n",
                "component 'job' has unsupported type test.Bad.Job?: an interface or abstract class cannot be read " +
                    "back (java.lang.Runnable names no concrete type to create)",
                "val job",
            ),
            error(
                "class with no constructor Jackson can use",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval holder: Holder?) {\n" +
                    "  class Holder {\n    constructor(a: Int)\n    constructor(b: String)\n  }\n}\n",
                "component 'holder' has unsupported type test.Bad.Holder?: test.Bad.Holder cannot be read back: " +
                    "Jackson has no constructor to create it with; make it a record, or give it a no-argument " +
                    "constructor or a constructor annotated @JsonCreator",
                "val holder",
            ),
            error(
                "@JsonSubTypes subtype with no constructor Jackson can use",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval shape: Shape?) {\n" +
                    "  @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)\n" +
                    "  @com.fasterxml.jackson.annotation.JsonSubTypes(\n" +
                    "    com.fasterxml.jackson.annotation.JsonSubTypes.Type(Square::class),\n" +
                    "    com.fasterxml.jackson.annotation.JsonSubTypes.Type(Circle::class))\n" +
                    "  sealed interface Shape\n" +
                    "  data class Square(val side: Int) : Shape\n" +
                    "  class Circle : Shape {\n    constructor(a: Int)\n    constructor(b: String)\n  }\n}\n",
                "component 'shape' has unsupported type test.Bad.Shape?: test.Bad.Circle cannot be read back: " +
                    "Jackson has no constructor to create it with",
                "val shape",
            ),
            error(
                "sealed subtype with no constructor Jackson can use, without @JsonSubTypes",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\nval shape: Shape?) {\n" +
                    "  @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)\n" +
                    "  sealed interface Shape\n" +
                    "  data class Square(val side: Int) : Shape\n" +
                    "  sealed class Round : Shape\n" +
                    "  class Circle : Round {\n    constructor(a: Int)\n    constructor(b: String)\n  }\n}\n",
                "component 'shape' has unsupported type test.Bad.Shape?: test.Bad.Circle cannot be read back: " +
                    "Jackson has no constructor to create it with",
                "val shape",
            ),
            component(
                "value class component",
                "val timeout: kotlin.time.Duration",
                "unsupported type kotlin.time.Duration: a value class has no constructor that the generated Java " +
                    "code can call; use the underlying type",
                "val timeout",
            ),
            error(
                "invalid name",
                "@Instance(\nname = \"Task Runs\")\ndata class Bad($ID_VERSION)\n",
                "@Instance name \"Task Runs\" is invalid: use 1 to 64 lower-case letters, digits and single dashes",
                "\"Task Runs\"",
            ),
            error(
                "subdirectory escaping the instance",
                "@Instance(name = \"bad\",\nsubdirectories = [\"logs\", \"../up\"])\ndata class Bad($ID_VERSION)\n",
                "subdirectory \"../up\" is invalid: character '/'",
                "\"../up\"",
            ),
            error(
                "reserved subdirectory",
                "@Instance(name = \"bad\",\nsubdirectories = [\"logs\", \"aux.txt\"])\ndata class Bad($ID_VERSION)\n",
                "subdirectory \"aux.txt\" is invalid: is a reserved device name on Windows",
                "\"aux.txt\"",
            ),
            error(
                "subdirectory named as the document",
                "@Instance(name = \"bad\",\nsubdirectories = [\"logs\", \"Instance.json\"])\ndata class Bad($ID_VERSION)\n",
                "subdirectory \"Instance.json\" is the name of the instance's document (instance.json), which no subdirectory can have",
                "\"Instance.json\"",
            ),
            error(
                "duplicate subdirectory",
                "@Instance(name = \"bad\",\nsubdirectories = [\"logs\", \"logs\"])\ndata class Bad($ID_VERSION)\n",
                "subdirectory \"logs\" is declared twice",
                "subdirectories",
            ),
            error(
                "subdirectory without accessor",
                "@Instance(name = \"bad\",\nsubdirectories = [\"logs\", \"2024\"])\ndata class Bad($ID_VERSION)\n",
                "subdirectory \"2024\" gives no usable accessor name in BadDirs",
                "\"2024\"",
            ),
            error(
                "subdirectory clashing with root()",
                "@Instance(name = \"bad\",\nsubdirectories = [\"logs\", \"root\"])\ndata class Bad($ID_VERSION)\n",
                "subdirectory \"root\" gives no usable accessor name in BadDirs",
                "\"root\"",
            ),
            error(
                "invalid environment variable",
                "@Instance(name = \"bad\",\ndataRootEnv = \"MY-DIR\")\ndata class Bad($ID_VERSION)\n",
                "@Instance dataRootEnv \"MY-DIR\" is not a valid environment variable name",
                "dataRootEnv",
            ),
            component(
                "component named like the singleton",
                "val instance: String",
                "component 'instance' clashes with the generated BadSchema.INSTANCE; rename the component",
                "val instance",
            ),
            component(
                "two components with one constant",
                "val fooBar: String,\nval foo_bar: String",
                "component 'foo_bar' clashes with the generated BadSchema.FOO_BAR of component 'fooBar'",
                "val foo_bar",
            ),
            component(
                "component named like a changes method",
                "val build: String",
                "component 'build' clashes with the generated BadChanges.build()",
                "val build",
            ),
            component(
                "component Kotlin reads through another's getter",
                "val name: String = \"\",\nval getName: String = \"\"",
                "component 'name' clashes with the generated BadChanges.getName() of component 'getName', which " +
                    "Kotlin reads as the property 'name'; rename the component",
                "val name:",
            ),
            component(
                "component named like another's changes helper",
                "val tags: Set<String>,\nval addTag: String",
                "component 'addTag' clashes with the generated BadChanges.addTag(...) of component 'tags'",
                "val addTag",
            ),
            component(
                "component named like a Java keyword's escaped name",
                "val long: Double,\nval long_: Double",
                "component 'long_' clashes with the generated BadChanges.long_() of component 'long'",
                "val long_",
            ),
            component(
                "name that is not a Java identifier",
                "val `a b`: String",
                "component 'a b' has a name that is not a Java identifier, but the generated XChanges, XSchema " +
                    "and XStore are Java",
                "val `a b`",
            ),
            error(
                "string template that names no constant",
                "@Instance(name = \"bad\",\n    defaultDataRoot = \"\$HOME/.bad\")\ndata class Bad($ID_VERSION)\n",
                "the argument defaultDataRoot has no constant value: write a string literal or name a const val; " +
                    "in a Kotlin string, ${'$'}name is a template (write \\${'$'} for a dollar sign)",
                "data class Bad",
            ),
            dataRoot("shell variable in the default data root", "\\${'$'}HOME/.bad", "${'$'}HOME"),
            dataRoot("braced variable in the default data root", "\\${'$'}{user.home}/.bad", "${'$'}{user.home}"),
            dataRoot("Windows variable in the default data root", "%APPDATA%\\\\bad", "%APPDATA%"),
            dataRoot("another user's home in the default data root", "~bad/.bad", "~bad"),
            component(
                "Nothing",
                "val nothing: Nothing? = null",
                "component 'nothing' has unsupported type kotlin.Nothing?: only classes, records, enums, " +
                    "primitives, List, Set and Map are supported",
                "val nothing",
            ),
            component(
                "name with a dollar",
                "val `a${'$'}b`: String?",
                "component 'a${'$'}b' has a ${'$'} in its name, which the generated XChanges, XSchema and " +
                    "XStore cannot carry",
                "val `a${'$'}b`",
            ),
            error(
                "record property named like a Java keyword",
                "@Instance(name = \"bad\")\n@JvmRecord\ndata class Bad($ID_VERSION,\nval long: Double)\n",
                "component 'long' is read through long(), which the generated Java cannot call (long is a Java " +
                    "keyword or no Java identifier); rename the property, or drop @JvmRecord (or @JvmName) so that " +
                    "Kotlin names its getter getLong()",
                "val long",
            ),
            error(
                "body property with a backing field",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION) {\n  var extra: String = \"lost\"\n}\n",
                "property 'extra' of Bad is declared in the class body and holds a value (a backing field or a " +
                    "delegate), which Burrow would not store",
                "var extra",
            ),
            error(
                "delegated body property",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION) {\n  val cached by lazy { id.length }\n}\n",
                "property 'cached' of Bad is declared in the class body and holds a value",
                "val cached",
            ),
            error(
                "generated name taken by an existing class",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION)\n\nclass BadStore\n",
                "cannot generate test.BadStore for Bad: a type of that name exists already",
                "data class Bad",
            ),
            component(
                "component type that never resolves",
                "val missing: Missing",
                "component 'missing' has type Missing, which could not be resolved",
                "val missing",
            ),
            component(
                "@Default value that never resolves",
                "@Default(Missing.X) val label: String",
                "component 'label' has @Default(Missing.X) whose value could not be resolved: write a string " +
                    "literal, or name a const val the compiler can see",
                "@Default(Missing.X)",
            ),
            component(
                "@Default naming a constant that never resolves",
                "@Default(MISSING)\nval label: String",
                "component 'label' has @Default(MISSING) whose value could not be resolved",
                "val label",
            ),
            component(
                "annotation that never resolves",
                "@Defalt(\"x\") val label: String",
                "component 'label' has annotation @Defalt(\"x\") whose type could not be resolved, so Burrow " +
                    "cannot tell how to store the component; import the annotation, or add the library that " +
                    "declares it",
                "@Defalt(\"x\")",
            ),
            component(
                "@Indexed on a list",
                "@Indexed val names: List<String>",
                "@Indexed is not allowed on component 'names' of type kotlin.collections.List<kotlin.String>: " +
                    "a collection has no single value to find it by",
                "@Indexed val names",
            ),
            component(
                "@Indexed on a double",
                "@Indexed val ratio: Double",
                "@Indexed is not allowed on component 'ratio' of type kotlin.Double: its values have no stable " +
                    "text form that equals them exactly on every backend (Float and Double, URI, Path); use String, " +
                    "an enum class",
                "@Indexed val ratio",
            ),
            component(
                "@Indexed on a map",
                "@Indexed val labels: Map<String, String>",
                "@Indexed is not allowed on component 'labels' of type " +
                    "kotlin.collections.Map<kotlin.String, kotlin.String>: a collection",
                "@Indexed val labels",
            ),
            error(
                "@Indexed on a nested type",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION,\n@Indexed val item: Item?) {\n" +
                    "  data class Item(val sku: String)\n}\n",
                "@Indexed is not allowed on component 'item' of type test.Bad.Item?: a nested type has no single " +
                    "text form",
                "@Indexed val item",
            ),
            component(
                "@Indexed on a nullable Float",
                "@Indexed val ratio: Float?",
                "@Indexed is not allowed on component 'ratio' of type kotlin.Float?",
                "@Indexed val ratio",
            ),
            component(
                "@Indexed on a URI",
                "@Indexed val link: java.net.URI?",
                "@Indexed is not allowed on component 'link' of type java.net.URI?",
                "@Indexed val link",
            ),
            component(
                "@Indexed on a Path",
                "@Indexed val file: java.nio.file.Path?",
                "@Indexed is not allowed on component 'file' of type java.nio.file.Path?",
                "@Indexed val file",
            ),
            component(
                "@Indexed on a UInt",
                "@Indexed val attempts: UInt",
                "@Indexed is not allowed on component 'attempts' of type kotlin.UInt: a value class has no " +
                    "constructor that the generated Java code can call; use String, an enum class, an integral " +
                    "number, BigDecimal, Boolean, Char, UUID or a java.time type (a Long holds every UInt, a " +
                    "BigInteger every ULong)",
                "@Indexed val attempts",
            ),
            component(
                "@Indexed on a value class",
                "@Indexed val timeout: kotlin.time.Duration",
                "@Indexed is not allowed on component 'timeout' of type kotlin.time.Duration: a value class has no " +
                    "constructor that the generated Java code can call; use String",
                "@Indexed val timeout",
            ),
            component(
                "@Indexed on @CreatedAt",
                "@Indexed @CreatedAt val created: Instant",
                "@Indexed is not allowed on @CreatedAt component 'created'",
                "@Indexed @CreatedAt",
            ),
            error(
                "index name taken by an existing class",
                "@Instance(name = \"bad\")\ndata class Bad($ID_VERSION, @Indexed val owner: String)\n\nclass BadIndex\n",
                "cannot generate test.BadIndex for Bad: a type of that name exists already",
                "data class Bad",
            ),
            error(
                "@Indexed on @Version",
                "@Instance(name = \"bad\")\ndata class Bad(@InstanceId val id: String,\n@Indexed @Version val version: Long)\n",
                "@Indexed is not allowed on @Version component 'version': Burrow manages its value",
                "@Indexed @Version",
            ),
            error(
                "indexed components whose finders share a name",
                "@Instance(name = \"bad\")\n@JvmRecord\ndata class Bad($ID_VERSION,\n@Indexed val aB: String,\n@Indexed val AB: String)\n",
                "component 'AB' clashes with the generated BadStore.findByAB(...) of component 'aB'; rename the component",
                "@Indexed val AB",
            ),
            component(
                "more @Indexed components than the limit",
                "@Indexed val a: String, @Indexed val b: String, @Indexed val c: String, @Indexed val d: String,\n" +
                    "@Indexed val e: String, @Indexed val f: String, @Indexed val g: String, @Indexed val h: String,\n" +
                    "@Indexed val i: String",
                "Bad has 9 @Indexed components (a, b, c, d, e, f, g, h, i), more than the limit of 8",
                "data class Bad",
            ),
        )

        /**
         * Nested types Jackson reads back: JDK classes it has readers for, Kotlin classes through
         * their primary constructors (recursive ones too), a record, a class with a no-argument
         * constructor, with one constructor, or with a `@JsonCreator` one; a class named like the
         * `XIndex` of a type that has no `@Indexed` component; and properties whose field or
         * setter, not getter, is synthetic.
         */
        private val FINE = """
            @Instance(name = "fine")
            data class Fine(
                @InstanceId val id: String,
                @Version val version: Long,
                val locale: java.util.Locale?,
                val currency: java.util.Currency?,
                val job: Job?,
                val jobs: List<Job> = emptyList(),
                val point: Point?,
                val tree: Node?,
                val bean: Bean?,
                val single: Single?,
                val holder: Holder?,
                @field:JvmSynthetic val synthetic: Int = 0,
                @set:Deprecated("gone", level = DeprecationLevel.HIDDEN) var unset: String = "",
                val zoned: ZonedDateTime?,
                val time: OffsetTime?,
                val period: Period?,
                val year: Year?,
                val month: YearMonth?,
                val day: MonthDay?,
            ) {
                data class Job(val name: String, val note: String?, val counts: List<Int>, val timeout: Duration,
                    val zone: ZoneId, val offset: ZoneOffset)
                @JvmRecord data class Point(val x: Int, val y: Int)
                data class Node(val name: String, val children: List<Node> = emptyList())
                class Bean { var a: String = "" }
                class Single(val a: String)
                class Holder @com.fasterxml.jackson.annotation.JsonCreator constructor(val a: Int) {
                    constructor(b: String) : this(b.length)
                }
            }

            class FineIndex
        """.trimIndent()

        private fun body(index: Int) = CASES[index].body.replace("Bad", "Bad$index")

        private fun text(index: Int) = KspCompilations.text(body(index), CASES[index].pkg)

        /** Classes in a package Java source cannot name, for the cases' components. */
        private val NATIVE = SourceFile.kotlin("Native.kt", "package test.native\n\nenum class Mode { A }\n\ndata class Spot(val x: Int)\n")

        private val result by lazy {
            KspCompilations.compile(CASES.indices.map { SourceFile.kotlin("Bad$it.kt", text(it)) } + NATIVE)
        }

        @JvmStatic
        fun cases(): List<Arguments> = CASES.mapIndexed { index, case -> Arguments.of(case.name, index) }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    fun reportsTheErrorOnTheOffendingLine(name: String, index: Int) {
        val case = CASES[index]
        val message = case.message.replace("Bad", "Bad$index")
        val lines = text(index).lines()
        val errors = KspCompilations.errors(result, "Bad$index.kt")
        val found = errors.filter { (_, text) -> message in text }
        assertTrue(found.isNotEmpty(), "$name: no error containing <$message> in $errors")
        val line = found.first().first
        val expected = case.line.replace("Bad", "Bad$index")
        assertTrue(expected in lines[line - 1], "$name: reported on line $line, <${lines[line - 1]}>, not on <$expected>")
    }

    @Test
    fun nestedTypesJacksonReadsBackAreAccepted() {
        val fine = KspCompilations.compile(listOf(KspCompilations.kotlin("Fine", FINE)))
        assertEquals(KotlinCompilation.ExitCode.OK, fine.exitCode, fine.messages)
    }

    /**
     * A protected class of a superclass in another package, which a class nested in the subclass may
     * use but the generated classes (top-level in the package) cannot name, is refused on the component.
     */
    @Test
    fun aProtectedTypeOfASuperclassIsReportedOnTheComponent() {
        val base = SourceFile.kotlin(
            "Base.kt",
            "package other\nopen class Base {\n    protected enum class Mode { A, B }\n" +
                "    protected data class Item(val x: String)\n}\n",
        )
        val body = """
            class Holder : other.Base() {
                @Instance(name = "runs")
                protected data class Run(
                    $ID_VERSION,
                    val mode: Mode = Mode.A,
                    val items: List<Item> = listOf(),
                )
            }
        """.trimIndent()
        val result = KspCompilations.compile(listOf(base, KspCompilations.kotlin("Holder", body)))
        val lines = KspCompilations.text(body).lines()
        val errors = KspCompilations.errors(result, "Holder.kt")
        for ((message, line) in listOf(
            "component 'mode' has unsupported type other.Base.Mode: other.Base.Mode is private, or protected" to
                "val mode",
            "component 'items' has unsupported type kotlin.collections.List<other.Base.Item>: " +
                "other.Base.Item is private" to "val items",
        )) {
            val found = errors.filter { (_, text) -> message in text }
            assertTrue(found.isNotEmpty(), "no error containing <$message> in $errors")
            assertTrue(line in lines[found.first().first - 1], "reported on line ${found.first().first}")
        }
        assertTrue("exposes" !in result.messages, result.messages)
    }

    /**
     * A Java sealed interface read by name without `@JsonSubTypes`, whose permitted subclasses
     * Jackson creates: one it cannot create is refused on the component, as javac refuses it, both
     * from Java source in the same compilation (which KSP2 shows as neither sealed nor with
     * subclasses) and from a class file.
     */
    @Test
    fun aJavaSealedTypesPermittedSubclassesAreChecked() {
        val shape = """
            package test;

            @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME)
            public sealed interface Shape permits Shape.Square, Shape.Round {
                record Square(int side) implements Shape {}

                sealed interface Round extends Shape permits Circle {}

                final class Circle implements Round {
                    public Circle(int radius) {}
                    public Circle(long radius) {}
                }
            }
        """.trimIndent()
        val holder = "@Instance(name = \"holders\")\ndata class Holder($ID_VERSION,\nval shape: Shape?)\n"
        val dir = Files.createTempDirectory("burrow-shape")
        val source = Files.createDirectories(dir.resolve("src/test")).resolve("Shape.java")
        Files.writeString(source, shape)
        val out = Files.createDirectories(dir.resolve("out"))
        val classPath = System.getProperty("java.class.path")
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", classPath, "-d", "$out", "$source"))
        for ((name, result) in listOf(
            "Java source" to KspCompilations.compile(listOf(KspCompilations.kotlin("Holder", holder), SourceFile.java("Shape.java", shape))),
            "class file" to KspCompilations.compile(listOf(KspCompilations.kotlin("Holder", holder)), extra = listOf(File("$out"))),
        )) {
            assertEquals(
                listOf(
                    KspCompilations.text(holder).lines().indexOfFirst { "val shape" in it } + 1 to
                        "component 'shape' has unsupported type test.Shape?: test.Shape.Circle cannot be " +
                        "read back: Jackson has no constructor to create it with; make it a record, or give it a " +
                        "no-argument constructor or a constructor annotated @JsonCreator",
                ),
                KspCompilations.errors(result, "Holder.kt"),
                name,
            )
        }
    }

    /** Burrow reports a component that does not resolve once, however often the compiler does. */
    @Test
    fun unresolvedComponentsAreReportedOnce() {
        val unresolved = CASES.indices.filter { "never resolves" in CASES[it].name }
        assertEquals(4, unresolved.size)
        for (index in unresolved) {
            val burrow = KspCompilations.errors(result, "Bad$index.kt").filter { (_, text) -> "could not be resolved" in text }
            assertEquals(1, burrow.size, "${CASES[index].name}: $burrow")
        }
    }

    @Test
    fun theBuildFails() {
        assertEquals(KotlinCompilation.ExitCode.COMPILATION_ERROR, result.exitCode)
    }
}
