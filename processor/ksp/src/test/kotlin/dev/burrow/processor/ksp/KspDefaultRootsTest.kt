package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * Classes of one compilation whose default data roots are one folder, or that name one
 * `dataRootEnv`, are each reported, naming the other, as the javac processor reports records: one compilation holds every case, each class in
 * its own package and file.
 */
class KspDefaultRootsTest {
    private companion object {
        /** A class `Task` in package [pkg], with [attributes] in its `@Instance`, in `<pkg>/Task.kt`. */
        fun task(pkg: String, attributes: String): SourceFile = SourceFile.kotlin(
            "$pkg/Task.kt",
            "package $pkg\nimport dev.burrow.*\n@Instance($attributes)\n" +
                "data class Task(@InstanceId val id: String, @Version val version: Long)\n",
        )

        val result by lazy {
            KspCompilations.compile(
                listOf(
                    task("a", "name = \"tasks\""),
                    task("b", "name = \"tasks\""),
                    task("c", "name = \"c-tasks\", defaultDataRoot = \"~/.shop/\""),
                    task("d", "name = \"d-tasks\", defaultDataRoot = \"~/./.Shop\""),
                    task("e", "name = \"tasks\", defaultDataRoot = \"~/.burrow/tasks-v1\""),
                    task("f", "name = \"f-tasks\", dataRootEnv = \"SHOP_DATA\""),
                    task("g", "name = \"g-tasks\", dataRootEnv = \"shop_data\""),
                    task("h", "name = \"h-tasks\", dataRootEnv = \"H_DIR\""),
                ),
            )
        }

        /** The errors KSP reported in `<pkg>/Task.kt`, each on the line of the class. */
        fun errors(pkg: String): List<String> {
            val errors = KspCompilations.errors(result, "$pkg/Task.kt")
            errors.forEach { (line, text) -> assertEquals(4, line, "$pkg: <$text> not on the class's line") }
            return errors.map { it.second }
        }
    }

    @Test
    fun twoClassesOfOneKindNameShareTheirDefaultRoot() {
        assertEquals(KotlinCompilation.ExitCode.COMPILATION_ERROR, result.exitCode)
        assertEquals(
            listOf(
                "a.Task has the default data root \"~/.burrow/tasks\", as b.Task has, and both have the same " +
                    "@Instance name: their instances would mix in one folder; give each its own default root: a " +
                    "different @Instance name (the default root is ~/.burrow/<name>) or defaultDataRoot",
            ),
            errors("a"),
        )
        val b = errors("b")
        assertEquals(1, b.size, b.toString())
        assertTrue(b.single().startsWith("b.Task has the default data root \"~/.burrow/tasks\", as a.Task has"), b.single())
    }

    @Test
    fun twoKindsWithOneDefaultRootSpelledTwoWays() {
        val c = errors("c")
        assertEquals(1, c.size, c.toString())
        assertTrue(
            c.single().startsWith(
                "c.Task has the default data root \"~/.shop/\", the same folder as d.Task's \"~/./.Shop\": " +
                    "whichever opens it second would be refused as another kind",
            ),
            c.single(),
        )
        val d = errors("d")
        assertEquals(1, d.size, d.toString())
        assertTrue(d.single().startsWith("d.Task has the default data root \"~/./.Shop\", the same folder as c.Task's"), d.single())
    }

    @Test
    fun oneKindNameWithTwoDefaultRootsIsFine() {
        assertEquals(emptyList(), errors("e"))
    }

    @Test
    fun twoKindsNamingOneDataRootEnv() {
        assertEquals(
            listOf(
                "f.Task has dataRootEnv \"SHOP_DATA\", the same variable as g.Task's \"shop_data\": whenever it " +
                    "is set, both open one data root, and whichever opens it second would be refused as another " +
                    "kind; the variable names one kind's data root, not a parent folder of several, so give each " +
                    "its own dataRootEnv",
            ),
            errors("f"),
        )
        val g = errors("g")
        assertEquals(1, g.size, g.toString())
        assertTrue(g.single().startsWith("g.Task has dataRootEnv \"shop_data\", the same variable as f.Task's"), g.single())
    }

    @Test
    fun aKindWithItsOwnDataRootEnvIsFine() {
        assertEquals(emptyList(), errors("h"))
    }
}
