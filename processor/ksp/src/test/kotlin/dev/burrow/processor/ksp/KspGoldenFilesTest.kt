package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import com.tschuchort.compiletesting.sourcesGeneratedBySymbolProcessor
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.ValueSource
import java.nio.file.Files
import java.nio.file.Path
import kotlin.io.path.readText
import kotlin.io.path.writeText
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.fail

/**
 * The sources KSP generates, compared with golden files. For `@JvmRecord data class Order`, the
 * Kotlin twin of the javac processor's golden record, the Java files are the javac processor's
 * golden files (with `burrow-postgres` on the class path, so `XStore` has the DataSource openers)
 * but for the generator's name. The Kotlin files, and the Java of a class with Kotlin defaults,
 * have golden files of their own in `src/test/resources/golden`.
 *
 * After an intended change, run with `-Dburrow.updateGolden=true`: each of this module's golden
 * files that differs is rewritten, and every comparison fails, changed or not, so that a run with
 * the property (in CI by mistake, say) never passes, as in the javac processor's `GoldenFilesTest`;
 * the javac processor's golden files are rewritten by its own tests. Review the diff, then run
 * again without the property.
 */
class KspGoldenFilesTest {
    companion object {
        private val OWN = Path.of("src/test/resources/golden")
        private val JAVAC = Path.of("../javac/src/test/resources/golden")
        private val UPDATE = java.lang.Boolean.getBoolean("burrow.updateGolden")
        private const val NEVER_PASSES =
            "(-Dburrow.updateGolden=true never passes); review the diff and run again without the property"

        /** A Java record in the same module, which javac's processor handles, not KSP's. */
        private val JAVA_RECORD = SourceFile.java(
            "Note.java",
            """
            package test.golden;

            import dev.burrow.Instance;
            import dev.burrow.InstanceId;
            import dev.burrow.Version;

            @Instance(name = "notes")
            public record Note(@InstanceId String id, @Version long version) {}
            """.trimIndent(),
        )

        private val result by lazy {
            KspCompilations.compile(
                listOf("Order", "Task").map { SourceFile.kotlin("$it.kt", OWN.resolve("$it.kt").readText()) } +
                    JAVA_RECORD,
            )
        }

        private fun generated(name: String): String =
            result.sourcesGeneratedBySymbolProcessor.single { it.name == name }.readText()
    }

    @Test
    fun theGoldenClassesCompileWithoutWarnings() {
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
    }

    @ParameterizedTest
    @ValueSource(
        strings = ["OrderSchema.java", "OrderChanges.java", "OrderDirs.java", "OrderIndex.java", "postgres/OrderStore.java"],
    )
    fun aKotlinRecordGetsTheJavaTheJavacProcessorWritesForARecord(golden: String) {
        val expected = JAVAC.resolve(golden).readText()
            .replace("dev.burrow.processor.InstanceProcessor", InstanceSymbolProcessor::class.java.name)
        if (UPDATE) {
            fail("left ${JAVAC.resolve(golden)} to the javac processor's tests $NEVER_PASSES")
        }
        assertEquals(expected, generated(golden.substringAfter('/')), "differs from $golden")
    }

    @ParameterizedTest
    @ValueSource(strings = ["OrderChanges.kt", "TaskChanges.kt", "TaskSchema.java"])
    fun generatedSourceMatchesGoldenFile(name: String) {
        val golden = OWN.resolve(name)
        val actual = generated(name)
        val expected = if (Files.exists(golden)) golden.readText() else ""
        if (UPDATE) {
            val differs = expected != actual
            if (differs) {
                golden.writeText(actual)
            }
            fail((if (differs) "rewrote " else "left unchanged ") + "$golden $NEVER_PASSES")
        }
        assertEquals(expected, actual, "generated source differs from $golden")
    }

    @Test
    fun aStoreHoldingAKotlinClassChecksThatJacksonCanReadItBackBeforeOpening() {
        val check = "BurrowJson.requireReadable(Owner.class);"
        val store = generated("TaskStore.java")
        assertEquals(2, store.split(check).size - 1, "both openers that open an engine")
        val documented = "or Jackson 3's Kotlin module, which reads back the Kotlin classes this store holds," +
            " is not on the class path)"
        val javadoc = store.replace(Regex("\\s*\\n\\s*\\*\\s+"), " ")
        assertEquals(
            store.split("public static TaskStore open(").size - 1,
            javadoc.split(documented).size - 1,
            "every opener, those that delegate included, documents it",
        )
        assertEquals(
            2,
            generated("OrderStore.java").split("BurrowJson.requireReadable(Order.Item.class);").size - 1,
            "records are checked too: on the module path, their package must be open to databind",
        )
    }

    @Test
    fun javaRecordsAreLeftToTheJavacProcessor() {
        assertEquals(emptyList(), result.sourcesGeneratedBySymbolProcessor.filter { it.name.startsWith("Note") }.toList())
    }
}
