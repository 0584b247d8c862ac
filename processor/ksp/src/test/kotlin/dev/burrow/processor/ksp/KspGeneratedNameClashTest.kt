package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.KotlinCompilation
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals

/**
 * A nested class and a top-level class whose generated classes would have one name are each
 * reported, naming the other, as the javac processor reports records, and nothing is written for
 * the second.
 */
class KspGeneratedNameClashTest {
    @Test
    fun aNestedClassAndATopLevelClassWhoseGeneratedClassesShareNames() {
        val source = """
            class Order {
                @Instance(name = "lines")
                data class Line(@InstanceId val id: String, @Version val version: Long)
            }

            @Instance(name = "order-lines")
            data class Order_Line(@InstanceId val id: String, @Version val version: Long)
        """.trimIndent()
        val result = KspCompilations.compile(listOf(KspCompilations.kotlin("Order", source)))
        assertEquals(KotlinCompilation.ExitCode.COMPILATION_ERROR, result.exitCode)
        val rename = " gets classes of the same names (a nested type's generated names join the enclosing" +
            " types' names with _); rename one of the two types"
        assertEquals(
            listOf(
                6 to "cannot generate test.Order_LineStore and the other classes for test.Order.Line:" +
                    " test.Order_Line$rename",
                10 to "cannot generate test.Order_LineStore and the other classes for test.Order_Line:" +
                    " test.Order.Line$rename",
            ),
            KspCompilations.errors(result, "Order.kt").sortedBy { it.first },
        )
    }
}
