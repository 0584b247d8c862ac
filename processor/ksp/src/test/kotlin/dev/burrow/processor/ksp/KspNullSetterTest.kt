package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * A Kotlin caller can still hand a change null through a platform type (a value from Java): the
 * change refuses it naming the property and a fix Kotlin has (a nullable type, `String?`), not only
 * Java's `@Nullable`.
 */
class KspNullSetterTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun nullFromJavaForANonNullPropertyIsRefusedInKotlinsWords() {
        val source = """
            @Instance(name = "notes")
            data class Note(@InstanceId val id: String, @Version val version: Long, val title: String = "t")

            fun run(root: java.nio.file.Path): String = NoteStore.open(root).use { store ->
                val note = store.create()
                try {
                    store.update(note.id) { it.title(System.getProperty("burrow.test.no.such.property")) }
                    "stored"
                } catch (e: dev.burrow.MisuseException) {
                    e.message ?: ""
                }
            }
        """.trimIndent()
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Note", source)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val run = result.classLoader.loadClass("test.NoteKt").methods.single { it.name == "run" }
        val message = run.invoke(null, dir) as String
        assertTrue(message.startsWith("component 'title' of Note is not nullable"), message)
        assertTrue("a type ending in ? in Kotlin" in message, message)
    }
}
