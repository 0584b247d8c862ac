package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import kotlin.test.Test
import kotlin.test.assertEquals

/**
 * Deprecated API the user declares (a class, a property, one deprecated with level ERROR, a
 * component's enum class) gives generated Java and Kotlin that use it without a warning: the
 * warnings would be in code the user cannot change, and fail a build with every warning an error.
 */
class KspDeprecationTest {
    @Test
    fun deprecatedClassesAndPropertiesGiveNoWarningsInGeneratedCode() {
        val source = """
            @file:Suppress("DEPRECATION")
            package test

            import dev.burrow.*

            @Deprecated("gone soon")
            enum class Legacy { A, B }

            @Deprecated("use New")
            @Instance(name = "olds", subdirectories = ["logs"])
            data class Old(@InstanceId val id: String, @Version val version: Long,
                @Indexed val mode: Legacy = Legacy.A, val modes: List<Legacy> = listOf())

            @Instance(name = "runs")
            data class Run(@InstanceId val id: String, @Version val version: Long, val name: String = "",
                @Deprecated("use name") val legacyName: String = "", val legacy: Legacy? = null,
                @Deprecated("use name", level = DeprecationLevel.ERROR) val oldName: String = "")
        """.trimIndent()
        val result = KspCompilations.compile(listOf(SourceFile.kotlin("Old.kt", source)))
        assertEquals(KotlinCompilation.ExitCode.OK, result.exitCode, result.messages)
    }
}
