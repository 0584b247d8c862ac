package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.sourcesGeneratedBySymbolProcessor
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/**
 * Every change property in `XChanges.kt` can be set. Kotlin reads a Java method `isX()` as the
 * read-only property `isX`, whatever it returns (also `is_x()` and `is2()`: anything but a lower-case
 * letter after `is`), and that property wins over an extension of the same name: so a component
 * named `isX`, of any type, gets no extension, and is set with `isX(value)`.
 */
class KspChangePropertiesTest {
    @Test
    fun aComponentNamedIsXOfAnyTypeGetsNoPropertyAndIsSetThroughItsMethod() {
        val result = KspCompilations.compile(
            listOf(
                KspCompilations.kotlin(
                    "Flags",
                    """
                    @Instance(name = "flags")
                    data class Flag(@InstanceId val id: String, @Version val version: Long, val isOn: Boolean,
                        val isName: String, val isCount: Int?, val name: String, val is_set: Boolean, val is2: Int)

                    fun change(changes: FlagChanges) {
                        changes.isOn(true)
                        changes.isName("n")
                        changes.isCount(null)
                        changes.is_set(true)
                        changes.is2(2)
                        changes.name = "m"
                        val read: String = changes.isName
                        changes.name = read
                    }
                    """.trimIndent(),
                ),
            ),
        )
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
        val properties = result.sourcesGeneratedBySymbolProcessor.single { it.name == "FlagChanges.kt" }.readText()
        assertTrue("public var FlagChanges.name: String\n" in properties, properties)
        for (name in listOf("isOn", "isName", "isCount", "is_set", "is2")) {
            assertFalse("FlagChanges.$name" in properties, properties)
        }
    }
}
