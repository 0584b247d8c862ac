package dev.burrow.processor.ksp

import com.tschuchort.compiletesting.JvmCompilationResult
import com.tschuchort.compiletesting.KotlinCompilation
import com.tschuchort.compiletesting.SourceFile
import com.tschuchort.compiletesting.configureKsp
import java.io.File
import java.nio.file.Files
import java.nio.file.Path

/**
 * Runs KSP2 with Burrow's processor, then kotlinc and javac on the sources and what KSP generated,
 * as a user's build does, with every warning an error. Each compilation takes seconds: tests share
 * them.
 */
object KspCompilations {
    /**
     * Where compilations write their sources, stubs and classes: under the module's build directory
     * (the tests' working directory), so that `mvn clean` removes them and no run leaves them in the
     * system's temporary directory.
     */
    private val WORK: Path = Files.createDirectories(Path.of("target", "ksp-compilations"))

    /**
     * Compiles [sources] against this test run's class path, leaving out the jars or directories
     * the classes [without] come from, and adding the jars or directories [extra].
     */
    fun compile(
        sources: List<SourceFile>,
        without: List<Class<*>> = emptyList(),
        extra: List<File> = emptyList(),
    ): JvmCompilationResult =
        KotlinCompilation().apply {
            workingDir = Files.createTempDirectory(WORK, "compilation").toFile()
            this.sources = sources
            inheritClassPath = false
            val excluded = without.map { File(it.protectionDomain.codeSource.location.toURI()) }
            classpaths = System.getProperty("java.class.path").split(File.pathSeparator)
                .map(::File)
                .filter { it.absoluteFile !in excluded } + extra
            jvmTarget = "17"
            allWarningsAsErrors = true
            javacArguments = mutableListOf("-Xlint:all", "-Werror")
            messageOutputStream = System.out
            configureKsp {
                symbolProcessorProviders += InstanceSymbolProcessorProvider()
            }
        }.compile()

    /** A Kotlin file `name.kt` with [text] of [body]. */
    fun kotlin(name: String, body: String): SourceFile = SourceFile.kotlin("$name.kt", text(body))

    /** [body] in package [pkg] (`test`), after imports of Burrow's annotations and `java.time`. */
    fun text(body: String, pkg: String = "test"): String = "package $pkg\nimport dev.burrow.*\nimport java.time.*\n$body"

    /** The errors KSP reported in [file], by line: `e: [ksp] <path>/file:line: message`. */
    fun errors(result: JvmCompilationResult, file: String): List<Pair<Int, String>> =
        errors(result, Regex("""^e: \[ksp] .*/${Regex.escape(file)}:(\d+): (.*)$"""))

    /** The errors kotlinc reported in [file], by line: `e: file://<path>/file:line:column message`. */
    fun compilerErrors(result: JvmCompilationResult, file: String): List<Pair<Int, String>> =
        errors(result, Regex("""^e: file://.*/${Regex.escape(file)}:(\d+):\d+ (.*)$"""))

    private fun errors(result: JvmCompilationResult, pattern: Regex): List<Pair<Int, String>> {
        return result.messages.lines().mapNotNull { line ->
            pattern.find(line)?.let { it.groupValues[1].toInt() to it.groupValues[2] }
        }
    }
}
