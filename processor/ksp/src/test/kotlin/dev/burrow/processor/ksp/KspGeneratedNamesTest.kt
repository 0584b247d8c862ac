package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Names a user may write that generated Java also uses: properties named like the types generated
 * code calls (`Collections`, `Objects`), and classes of the package named like `java.lang` types
 * (`Override`, `Class`), which Java resolves before `java.lang`. The generated code still compiles
 * and works.
 */
class KspGeneratedNamesTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun namesLikeTypesGeneratedCodeUsesAreCreatedChangedAndFound() {
        val source = """
            class Override
            class Class
            class Runnable
            class Integer
            class Object

            @Instance(name = "runs")
            data class Run(@InstanceId val id: String, @Version val version: Long,
                val Collections: Map<String, String>, @Indexed val Objects: String = "o",
                val Defaults: Int = 3)

            fun run(root: java.nio.file.Path): List<Any> = RunStore.open(root).use { store ->
                val run = store.create { it.Collections += "k" to "v" }
                store.update(run.id) { it.Defaults += 1 }
                listOf(store.get(run.id).Collections, store.get(run.id).Defaults, store.countByObjects("o"))
            }
        """.trimIndent()
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Run", source)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val run = result.classLoader.loadClass("test.RunKt").methods.single { it.name == "run" }
        assertEquals(listOf(mapOf("k" to "v"), 4, 1L), run.invoke(null, dir))
    }

    /**
     * A property `status` of a lower-case enum class `status`: generated Java keeps the property in
     * a variable `status`, where `status.OPEN` would read the enum through that variable.
     */
    @Test
    fun aPropertyNamedLikeItsLowerCaseEnumClassGetsItsDefault() {
        val source = """
            enum class status { OPEN, DONE }

            @Instance(name = "tickets")
            data class Ticket(@InstanceId val id: String, @Version val version: Long,
                @Indexed @Default("OPEN") val status: status)

            fun run(root: java.nio.file.Path): List<Any> = TicketStore.open(root).use { store ->
                val ticket = store.create()
                val read = TicketSchema.INSTANCE.codec().decode(
                    "{\"id\":\"t\",\"version\":1}".toByteArray())
                listOf(ticket.status, read.status, store.countByStatus(status.OPEN))
            }
        """.trimIndent()
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Ticket", source)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val run = result.classLoader.loadClass("test.TicketKt").methods.single { it.name == "run" }
        val open = result.classLoader.loadClass("test.status").enumConstants.first()
        assertEquals(listOf(open, open, 1L), run.invoke(null, dir))
    }

    /**
     * A `@Default` naming an enum entry that is a Java keyword (`private`), which Kotlin allows:
     * generated Java looks it up by name instead of writing `Visibility.private`.
     */
    @Test
    fun aDefaultNamingAnEnumEntryThatIsAJavaKeywordIsLookedUpByName() {
        val source = """
            @Suppress("EnumEntryName")
            enum class Visibility { public, private }

            @Instance(name = "shares")
            data class Share(@InstanceId val id: String, @Version val version: Long,
                @Indexed @Default("private") val visibility: Visibility)

            fun run(root: java.nio.file.Path): List<Any> = ShareStore.open(root).use { store ->
                val share = store.create()
                val read = ShareSchema.INSTANCE.codec().decode(
                    "{\"id\":\"s\",\"version\":1}".toByteArray())
                listOf(share.visibility.name, read.visibility.name, store.countByVisibility(Visibility.private))
            }
        """.trimIndent()
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Share", source)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val run = result.classLoader.loadClass("test.ShareKt").methods.single { it.name == "run" }
        assertEquals(listOf("private", "private", 1L), run.invoke(null, dir))
    }
}
