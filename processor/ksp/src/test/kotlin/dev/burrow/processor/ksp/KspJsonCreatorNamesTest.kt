package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import dev.burrow.processor.rules.Messages
import java.io.File
import java.nio.file.Files
import javax.tools.ToolProvider
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * Java classes Jackson creates through a `@JsonCreator` constructor or static factory with more
 * than one parameter, held by a Kotlin class: Jackson refuses such a creator when a parameter has
 * no name, and it reads names only from what javac's `-parameters` records (the compilations here
 * do not use it). The names KSP reads are supplied by the generated codec; a class file that
 * records none is refused on the component, naming the creator and the unnamed parameters.
 */
class KspJsonCreatorNamesTest {
    private val point = """
        package test;

        import com.fasterxml.jackson.annotation.JsonCreator;

        public final class Point {
            private final int x;
            private final int y;

            public Point() { this(0, 0); }

            @JsonCreator
            public Point(int x, int y) {
                this.x = x;
                this.y = y;
            }

            public int getX() { return x; }

            public int getY() { return y; }

            @Override
            public boolean equals(Object other) {
                return other instanceof Point p && p.x == x && p.y == y;
            }

            @Override
            public int hashCode() { return x * 31 + y; }
        }
    """.trimIndent()

    private val range = """
        package test;

        import com.fasterxml.jackson.annotation.JsonCreator;
        import com.fasterxml.jackson.annotation.JsonProperty;

        public final class Range {
            private final int low;
            private final int high;

            private Range(int low, int high) {
                this.low = low;
                this.high = high;
            }

            @JsonCreator
            public static Range between(int low, @JsonProperty("high") int high) {
                return new Range(low, high);
            }

            public int getLow() { return low; }

            public int getHigh() { return high; }

            @Override
            public boolean equals(Object other) {
                return other instanceof Range r && r.low == low && r.high == high;
            }

            @Override
            public int hashCode() { return low * 31 + high; }
        }
    """.trimIndent()

    private val holder = """
        @Instance(name = "holders")
        data class Holder(
            @InstanceId val id: String,
            @Version val version: Long,
            val point: Point?,
            val points: List<Point> = emptyList(),
            val range: Range? = null,
        )

        fun roundTrip(): List<Any?> {
            val value = Holder("h-1", 0, Point(1, 2), listOf(Point(3, 4)), Range.between(5, 7))
            val codec = HolderSchema.INSTANCE.codec()
            return listOf(codec.decode(codec.encode(value)) == value)
        }
    """.trimIndent()

    @Test
    fun javaSourceCreatorsReadBackThroughTheNamesKspRead() {
        val result = KspCompilations.compile(
            listOf(
                KspCompilations.kotlin("Holder", holder),
                SourceFile.java("Point.java", point),
                SourceFile.java("Range.java", range),
            ),
        )
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val pointClass = result.classLoader.loadClass("test.Point")
        val constructor = pointClass.getConstructor(Int::class.javaPrimitiveType, Int::class.javaPrimitiveType)
        assertTrue(!constructor.parameters[0].isNamePresent, "compiled without -parameters")
        val roundTrip = result.classLoader.loadClass("test.HolderKt").getMethod("roundTrip")
        assertEquals(listOf(true), roundTrip.invoke(null))
    }

    /** Compiles [source] (class [name] in package `test`) with [options] into a class directory. */
    private fun library(name: String, source: String, vararg options: String): File {
        val dir = Files.createTempDirectory("burrow-creator")
        val file = Files.createDirectories(dir.resolve("src/test")).resolve("$name.java")
        Files.writeString(file, source)
        val out = Files.createDirectories(dir.resolve("out"))
        val javac = ToolProvider.getSystemJavaCompiler()
        val args = listOf(*options, "-cp", System.getProperty("java.class.path"), "-d", out.toString(), file.toString())
        assertEquals(0, javac.run(null, null, null, *args.toTypedArray()))
        return out.toFile()
    }

    private fun assertRefused(result: com.tschuchort.compiletesting.JvmCompilationResult, message: String, line: String) {
        val errors = KspCompilations.errors(result, "Holder.kt")
        val lines = KspCompilations.text(holder).lines()
        val found = errors.filter { (_, text) -> message in text }
        assertTrue(found.isNotEmpty(), "no error containing <$message> in $errors\n${result.messages}")
        assertTrue(line in lines[found.first().first - 1], "reported on line ${found.first().first}")
    }

    @Test
    fun aCreatorConstructorInAClassFileWithoutNamesIsRefusedOnTheComponent() {
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", holder.substringBefore("fun roundTrip")), SourceFile.java("Range.java", range)),
            extra = listOf(library("Point", point, "-g:none")),
        )
        assertRefused(
            result,
            Messages.creatorParameterNamesUnknown("test.Point", "constructor Point(int, int)", listOf("1 (int)", "2 (int)")),
            "val point: Point?",
        )
    }

    @Test
    fun aCreatorFactoryInAClassFileWithoutNamesIsRefusedNamingTheUnnamedParameter() {
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", holder.substringBefore("fun roundTrip")), SourceFile.java("Point.java", point)),
            extra = listOf(library("Range", range, "-g:none")),
        )
        assertRefused(
            result,
            Messages.creatorParameterNamesUnknown("test.Range", "factory between(int, int)", listOf("1 (int)")),
            "val range: Range?",
        )
    }

    /**
     * Unlike javac, KSP reads no parameter names from a class file's debug information, so a
     * class compiled with `-g` alone is refused as one compiled with `-g:none` is (at run time
     * Jackson would find no names either).
     */
    @Test
    fun classFilesWithOnlyDebugInformationAreRefusedToo() {
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", holder.substringBefore("fun roundTrip"))),
            extra = listOf(library("Point", point, "-g"), library("Range", range, "-g")),
        )
        assertRefused(
            result,
            Messages.creatorParameterNamesUnknown("test.Point", "constructor Point(int, int)", listOf("1 (int)", "2 (int)")),
            "val point: Point?",
        )
    }

    /** Class files compiled with `-parameters` name their parameters for KSP and Jackson alike. */
    @Test
    fun classFilesCompiledWithParametersReadBack() {
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", holder)),
            extra = listOf(library("Point", point, "-parameters"), library("Range", range, "-parameters")),
        )
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val roundTrip = result.classLoader.loadClass("test.HolderKt").getMethod("roundTrip")
        assertEquals(listOf(true), roundTrip.invoke(null))
    }
}
