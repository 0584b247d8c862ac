package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import com.tschuchort.compiletesting.sourcesGeneratedBySymbolProcessor
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import java.time.Instant
import kotlin.io.path.readText
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Kotlin classes processed by KSP, compiled with what it generated (every warning an error), and
 * used through the generated stores: create, change blocks, read back. The Kotlin code that uses
 * the stores is in `src/test/resources/run/Runs.kt`; each test calls one of its functions.
 */
class KspStoreTest {
    companion object {
        private val result by lazy {
            KspCompilations.compile(listOf(SourceFile.kotlin("Runs.kt", Path.of("src/test/resources/run/Runs.kt").readText())))
        }

        private fun call(function: String, argument: Any): List<*> {
            assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
            val runs = result.classLoader.loadClass("test.RunsKt")
            return runs.methods.single { it.name == function }.invoke(null, argument) as List<*>
        }

        private fun enumOf(name: String, constant: String): Any =
            result.classLoader.loadClass(name).enumConstants.single { (it as Enum<*>).name == constant }
    }

    @TempDir
    lateinit var dir: Path

    @Test
    fun aKotlinDataClassIsCreatedChangedInABlockAndReadBack() {
        val agent = result.classLoader.loadClass("test.Agent").getConstructor(String::class.java, List::class.java)
            .newInstance("Ada", listOf("en"))
        assertEquals(
            listOf(
                2L,
                enumOf("test.Status", "RUNNING"),
                4,
                listOf("new", "picked"),
                true,
                mapOf("branch" to "main"),
                agent,
                "first",
                true,
            ),
            call("createUpdateReadBack", dir),
        )
    }

    @Test
    fun everyNewInstanceGetsTheKotlinDefaultsComputedByTheClass() {
        assertEquals(
            listOf(
                1L, enumOf("test.Status", "PENDING"), 3, listOf("new"), true, emptyMap<String, String>(), null, null,
                false,
                true, true, true, true, true,
            ),
            call("freshDefaults", dir),
            "@Default wins over a Kotlin default; System.currentTimeMillis() runs at create; a body " +
                "property is computed again when read; each instance gets its own list; the declared " +
                "subdirectory exists",
        )
    }

    @Test
    fun aDocumentWrittenBeforeAComponentExistedReadsItsKotlinDefault() {
        assertEquals(
            listOf("old", "old.log", 7L, enumOf("test.Status", "DONE"), 3, listOf("kept"), true, emptyMap<String, String>(), null, null, false),
            call("readOldDocument", """{"id":"old","version":7,"status":"DONE","tags":["kept"],"note":null}"""),
        )
    }

    @Test
    fun aKotlinDefaultReferringToAManagedPropertySeesTheValueTheInstanceHolds() {
        val now = Instant.parse("2030-01-02T03:04:05Z")
        assertEquals(
            listOf(
                listOf(1L, 1L, "2030-01-02T03:04:05Z", now),
                true,
                listOf(2L, 1L),
                listOf(4L, "2024-01-01T00:00:00Z", Instant.parse("2024-02-01T00:00:00Z")),
            ),
            call("managedDefaults", dir),
            "on create: version 1 and the create's time; kept as stored by an update; a document " +
                "without the fields: its own version and timestamps",
        )
    }

    @Test
    fun aJvmRecordWorksUnderKsp() {
        assertEquals(listOf(1, 2, 5, 2, 7, true, true), call("pointCreateUpdateReadBack", dir))
    }

    @Test
    fun propertiesNamedLikeJavaKeywordsAreStoredUnderTheirKotlinNames() {
        assertEquals(
            listOf(
                14.25, "work", false, listOf("en"), 2, true, true,
                listOf(-3.5, "away", false, listOf("fr"), 9),
                listOf("long", "default", "new", "native", "yield"),
            ),
            call("keywordsCreateUpdateReadBack", dir),
        )
    }

    @Test
    fun aKotlinClassInsideARecordIsCheckedForJacksonsKotlinModuleAndReadBack() {
        val store = result.sourcesGeneratedBySymbolProcessor.single { it.name == "DeepStore.java" }.readText()
        assertEquals(
            2,
            store.split("BurrowJson.requireReadable(Carrier.class, Agent.class);").size - 1,
            "both openers check Carrier and the Kotlin class inside it",
        )
        val agent = result.classLoader.loadClass("test.Agent").getConstructor(String::class.java, List::class.java)
            .newInstance("Ada", listOf("en"))
        val carrier = result.classLoader.loadClass("test.Carrier").getConstructor(agent.javaClass).newInstance(agent)
        assertEquals(listOf(carrier), call("deepCreateReadBack", dir))
    }

    @Test
    fun nullElementsOfANullableElementTypeAreStoredAndReadBackByANewStore() {
        assertEquals(
            listOf(listOf(null, "a"), mapOf("k" to null), listOf("s", null), mapOf("a" to null)),
            call("sparseCreateReopenReadBack", dir),
        )
    }

    @Test
    fun kotlinDefaultsBeyondTheFirst32ComponentsTakeTheSecondMask() {
        assertEquals(listOf(20, 310, 320, 330, 350, -2, 320, -35), call("wideDefaults", dir))
    }

    @Test
    fun aNestedClassGetsGeneratedClassesNamedOuterUnderscoreInner() {
        assertEquals(listOf("Vasa!", "unnamed", "Fleet_ShipChanges"), call("nestedCreateUpdateReadBack", dir))
    }

    @Test
    fun optimisticUpdatesAndCompareAndSetUseTheVersion() {
        assertEquals(
            listOf(enumOf("test.Status", "DONE"), "VersionConflictException", "current", 3L, listOf("r")),
            call("optimisticCompareAndSet", dir),
        )
    }
}
