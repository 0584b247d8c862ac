package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Properties named like methods of `Object` (`notify`, `wait`, `hashCode`): the generated Java
 * members get a trailing `_` instead of overriding `Object`'s final methods, and Kotlin's change
 * block still sets them by their own names. Subdirectories named so get accessors with a trailing
 * `_` in `XDirs` too.
 */
class KspObjectMethodNamesTest {
    @TempDir
    lateinit var dir: Path

    @Test
    fun propertiesNamedLikeMethodsOfObjectAreCreatedChangedAndReadBack() {
        val source = """
            @Instance(name = "alerts", subdirectories = ["notify", "hash-code"])
            data class Alert(@InstanceId val id: String, @Version val version: Long,
                val notify: Boolean = false, val wait: Long = 1, val hashCode: Int = 2)

            fun run(root: java.nio.file.Path): List<Any> = AlertStore.open(root).use { store ->
                val alert = store.create { it.notify = true; it.wait = 5 }
                val changed = store.update(alert.id) { it.hashCode = it.wait.toInt() + 2 }
                val dirs = store.dirs(alert.id)
                listOf(changed.notify, changed.wait, changed.hashCode, store.get(alert.id) == changed,
                    dirs.notify_().fileName.toString(), dirs.hashCode_().fileName.toString())
            }
        """.trimIndent()
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Alert", source)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val run = result.classLoader.loadClass("test.AlertKt").methods.single { it.name == "run" }
        assertEquals(listOf(true, 5L, 7, true, "notify", "hash-code"), run.invoke(null, dir))
    }
}
