package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * Classes of one compilation whose default data roots are one folder, or that name one
 * `dataRootEnv`, are each reported, naming the other, as the javac processor reports records: one
 * compilation holds every case, each class in its own package and file.
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
                    task("i", "name = \"jobs\", dataRootEnv = \"JOBS_DIR\", defaultDataRoot = \"~/.i\""),
                    task("j", "name = \"jobs\", dataRootEnv = \"jobs_dir\", defaultDataRoot = \"~/.j\""),
                ),
            )
        }

        /** The errors KSP reported in `<pkg>/Task.kt`, each on the line of the class. */
        fun errors(pkg: String): List<String> {
            val errors = KspCompilations.errors(result, "$pkg/Task.kt")
            errors.forEach { (line, text) -> assertEquals(4, line, "$pkg: <$text> not on the class's line") }
            return errors.map { it.second }
        }

        /** Asserts that KSP reported exactly one error in `<pkg>/Task.kt`, starting with [prefix]. */
        fun assertOneErrorStartingWith(pkg: String, prefix: String) {
            val errors = errors(pkg)
            assertEquals(1, errors.size, errors.toString())
            assertTrue(errors.single().startsWith(prefix), errors.single())
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
        assertOneErrorStartingWith("b", "b.Task has the default data root \"~/.burrow/tasks\", as a.Task has")
    }

    @Test
    fun twoKindsWithOneDefaultRootSpelledTwoWays() {
        assertOneErrorStartingWith(
            "c",
            "c.Task has the default data root \"~/.shop/\", the same folder as d.Task's \"~/./.Shop\": " +
                "whichever opens it second would be refused as another kind",
        )
        assertOneErrorStartingWith("d", "d.Task has the default data root \"~/./.Shop\", the same folder as c.Task's")
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
        assertOneErrorStartingWith("g", "g.Task has dataRootEnv \"shop_data\", the same variable as f.Task's")
    }

    @Test
    fun oneKindNameNamingOneDataRootEnvSpelledTwoWays() {
        assertEquals(
            listOf(
                "i.Task has dataRootEnv \"JOBS_DIR\", the same variable as j.Task's \"jobs_dir\", and both have " +
                    "the same @Instance name: whenever it is set, their instances would mix in one folder; the " +
                    "variable names one kind's data root, not a parent folder of several, so give each its own " +
                    "dataRootEnv",
            ),
            errors("i"),
        )
        assertOneErrorStartingWith("j", "j.Task has dataRootEnv \"jobs_dir\", the same variable as i.Task's")
    }

    @Test
    fun aKindWithItsOwnDataRootEnvIsFine() {
        assertEquals(emptyList(), errors("h"))
    }
}
