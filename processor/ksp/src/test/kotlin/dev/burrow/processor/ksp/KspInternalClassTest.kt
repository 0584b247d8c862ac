package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.sourcesGeneratedBySymbolProcessor
import org.junit.jupiter.api.io.TempDir
import java.nio.file.Path
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * A class only its module sees, `internal` or nested in an `internal` class, may hold the module's
 * internal types; its change properties are `internal` too, since a public property could not
 * expose those types, and what KSP generates compiles with every warning an error.
 */
class KspInternalClassTest {
    private val source = """
        internal enum class Level { LOW, HIGH }

        internal data class Holder(val name: String)

        @Instance(name = "secrets")
        internal data class Secret(@InstanceId val id: String, @Version val version: Long, val level: Level?,
            val holder: Holder? = null)

        internal class Vault {
            @Instance(name = "keys")
            data class Key(@InstanceId val id: String, @Version val version: Long, val level: Level = Level.LOW)
        }

        fun internalClasses(dir: Path): List<Any?> {
            fun options(kind: String) = StoreOptions.defaults().withDataRoot(dir.resolve(kind)).withDurability(Durability.NONE)
            val secret = SecretStore.open(options("secrets")).use { store ->
                store.update(store.create().id) {
                    it.level = Level.HIGH
                    it.holder = Holder("Ada")
                }
            }
            val key = Vault_KeyStore.open(options("keys")).use { store -> store.update(store.create().id) { it.level = Level.HIGH } }
            return listOf(secret.level?.name, secret.holder?.name, key.level.name)
        }
        """.trimIndent()

    @Test
    fun anInternalClassGetsInternalChangePropertiesThatCompileAndWork(@TempDir dir: Path) {
        val result = KspCompilations.compile(
            listOf(KspCompilations.kotlin("Secrets", "import java.nio.file.Path\n$source")),
        )
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        for ((file, property) in listOf("SecretChanges.kt" to "SecretChanges.level", "Vault_KeyChanges.kt" to "Vault_KeyChanges.level")) {
            val text = result.sourcesGeneratedBySymbolProcessor.single { it.name == file }.readText()
            assertTrue("internal var $property:" in text, text)
        }
        val run = result.classLoader.loadClass("test.SecretsKt").methods.single { it.name == "internalClasses" }
        assertEquals(listOf("HIGH", "Ada", "HIGH"), run.invoke(null, dir))
    }
}
