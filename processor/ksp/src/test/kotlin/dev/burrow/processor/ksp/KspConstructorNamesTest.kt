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
 * A Java class Jackson creates through its only constructor, held by a Kotlin class: Jackson needs
 * the constructor's parameter names at run time, which it reads only from what javac's
 * `-parameters` records (the compilations here, like a default Gradle or Maven build, do not use
 * it). The names KSP reads from Java source are supplied by the generated codec; a class file that
 * records none is refused on the component.
 */
class KspConstructorNamesTest {
    private val step = """
        package test;

        public final class Step {
            private final String name;
            private final int tries;

            public Step(String name, int tries) {
                this.name = name;
                this.tries = tries;
            }

            public String getName() { return name; }

            public int getTries() { return tries; }

            @Override
            public boolean equals(Object other) {
                return other instanceof Step s && s.name.equals(name) && s.tries == tries;
            }

            @Override
            public int hashCode() { return name.hashCode() * 31 + tries; }
        }
    """.trimIndent()

    private val holder = """
        @Instance(name = "holders")
        data class Holder(
            @InstanceId val id: String,
            @Version val version: Long,
            val step: Step?,
            val steps: List<Step> = emptyList(),
        )

        fun roundTrip(): List<Any?> {
            val value = Holder("h-1", 0, Step("build", 2), listOf(Step("test", 1)))
            val codec = HolderSchema.INSTANCE.codec()
            return listOf(codec.decode(codec.encode(value)) == value)
        }
    """.trimIndent()

    @Test
    fun aJavaSourceClassReadsBackThroughTheNamesKspRead() {
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", holder), SourceFile.java("Step.java", step)),
        )
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val stepClass = result.classLoader.loadClass("test.Step")
        val constructor = stepClass.getConstructor(String::class.java, Int::class.javaPrimitiveType)
        assertTrue(!constructor.parameters[0].isNamePresent, "compiled without -parameters")
        val roundTrip = result.classLoader.loadClass("test.HolderKt").getMethod("roundTrip")
        assertEquals(listOf(true), roundTrip.invoke(null))
    }

    /**
     * A parameter named after no property Jackson writes would get no value from the document:
     * the class would be read back without it, silently, so it is refused on the component.
     */
    @Test
    fun aConstructorParameterNamedAfterNoPropertyIsRefusedOnTheComponent() {
        val range = step.replace("String name, int tries", "String name, int count").replace("this.tries = tries", "this.tries = count")
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", holder.substringBefore("fun roundTrip")), SourceFile.java("Step.java", range)),
        )
        val errors = KspCompilations.errors(result, "Holder.kt")
        val lines = KspCompilations.text(holder).lines()
        val message = "component 'step' has unsupported type test.Step?: test.Step cannot be read back: Jackson " +
            "creates it through its constructor, whose parameter 'count' is named after none of the properties it writes"
        val found = errors.filter { (_, text) -> message in text }
        assertTrue(found.isNotEmpty(), "no error containing <$message> in $errors\n${result.messages}")
        assertTrue("val step: Step?" in lines[found.first().first - 1], "reported on line ${found.first().first}")
    }

    @Test
    fun aClassFileWithoutParameterNamesIsRefusedOnTheComponent() {
        val dir = Files.createTempDirectory("burrow-step")
        val source = Files.createDirectories(dir.resolve("src/test")).resolve("Step.java")
        Files.writeString(source, step)
        val out = Files.createDirectories(dir.resolve("out"))
        val javac = ToolProvider.getSystemJavaCompiler()
        assertEquals(0, javac.run(null, null, null, "-g:none", "-d", out.toString(), source.toString()))
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Holder", holder.substringBefore("fun roundTrip"))),
            extra = listOf(File(out.toString())),
        )
        val errors = KspCompilations.errors(result, "Holder.kt")
        val lines = KspCompilations.text(holder).lines()
        val message = Messages.parameterNamesUnknown("test.Step")
        val found = errors.filter { (_, text) -> message in text }
        assertTrue(found.isNotEmpty(), "no error containing <$message> in $errors\n${result.messages}")
        assertTrue("val step: Step?" in lines[found.first().first - 1], "reported on line ${found.first().first}")
    }
}
