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
}
