package dev.burrow.processor.ksp

import com.google.devtools.ksp.symbol.FileLocation
import com.google.devtools.ksp.symbol.KSClassDeclaration
import com.google.devtools.ksp.symbol.KSValueParameter
import java.io.File
import java.io.IOException

/**
 * What KSP2 does not give, read from the source file: for an annotation that does not resolve, or
 * whose argument does not (a name `<error>`, a null value, no location), the text it was written
 * as, best effort, for messages only (null where the file cannot be read or the text is not
 * found), called only for a component that does not resolve; and whether a Java class is sealed.
 * Reads the whole file, once per call.
 */
internal object SourceText {
    /**
     * The annotations written on constructor parameter [parameter], each as written
     * (`@Default(Missing.X)`, `@param:Foo`), or null if they cannot be read. KSP2 places a parameter
     * at its name's line, so they are looked for back from the name to the `(` or `,` before it.
     */
    fun annotations(parameter: KSValueParameter): List<String>? {
        val location = parameter.location as? FileLocation ?: return null
        val name = parameter.name?.asString() ?: return null
        val text = try {
            File(location.filePath).readText()
        } catch (e: IOException) {
            return null
        }
        val line = lineStart(text, location.lineNumber) ?: return null
        val end = Regex("""`?${Regex.escape(name)}`?\s*:""").find(text, line)?.range?.first ?: return null
        return annotations(text.substring(start(text, end), end))
    }

    /**
     * Whether the Java source class or interface [type] is declared `sealed`, which KSP2 does not
     * show: among the modifiers written before its name, back to the end of the statement, block or
     * class before it (comments and string literals left out); false if the file cannot be read.
     */
    fun javaSealed(type: KSClassDeclaration): Boolean {
        val location = type.location as? FileLocation ?: return false
        val text = try {
            File(location.filePath).readText()
        } catch (e: IOException) {
            return false
        }
        val line = lineStart(text, location.lineNumber) ?: return false
        val name = Regex("""\b(?:class|interface)\s+${Regex.escape(type.simpleName.asString())}\b""").find(text, line)
            ?: return false
        val modifiers = text.substring(0, name.range.first).replace(COMMENT_OR_STRING, " ")
        return SEALED.containsMatchIn(modifiers.substring(modifiers.indexOfLast { it in ";{}" } + 1))
    }

    /** Where line [number] (from 1) of [text] starts, or null if it has fewer lines. */
    private fun lineStart(text: String, number: Int): Int? {
        var line = 0
        repeat(number - 1) {
            line = text.indexOf('\n', line) + 1
            if (line == 0) return null
        }
        return line
    }

    /** Where the parameter that ends at [end] starts: after the `(` or `,` before it, at depth 0. */
    private fun start(text: String, end: Int): Int {
        var depth = 0
        var quoted = false
        for (i in end - 1 downTo 0) {
            val c = text[i]
            when {
                c == '"' -> quoted = !quoted
                quoted -> {}
                c == ')' -> depth++
                c == '(' && depth > 0 -> depth--
                c == '(' || (c == ',' && depth == 0) -> return i + 1
            }
        }
        return 0
    }

    /** Each `@Name` or `@Name(...)` in [text], with its arguments up to the matching parenthesis. */
    private fun annotations(text: String): List<String> {
        val found = mutableListOf<String>()
        var at = text.indexOf('@')
        while (at >= 0) {
            var end = at + 1
            while (end < text.length && (text[end].isJavaIdentifierPart() || text[end] in ".:`")) {
                end++
            }
            if (end < text.length && text[end] == '(') {
                end = closing(text, end)
            }
            found += text.substring(at, end)
            at = text.indexOf('@', end)
        }
        return found
    }

    /** The index after the parenthesis that closes the one at [open], skipping string literals. */
    private fun closing(text: String, open: Int): Int {
        var depth = 0
        var i = open
        var quoted = false
        while (i < text.length) {
            val c = text[i]
            when {
                quoted && c == '\\' -> i++
                c == '"' -> quoted = !quoted
                !quoted && c == '(' -> depth++
                !quoted && c == ')' -> if (--depth == 0) return i + 1
            }
            i++
        }
        return text.length
    }

    private val COMMENT_OR_STRING = Regex("""/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'""", RegexOption.DOT_MATCHES_ALL)

    /** The modifier `sealed`, not `non-sealed`. */
    private val SEALED = Regex("""(?<![\w-])sealed\b""")
}
