package dev.burrow.processor.ksp

import com.google.devtools.ksp.processing.CodeGenerator
import com.google.devtools.ksp.processing.Dependencies
import com.google.devtools.ksp.processing.KSPLogger
import com.google.devtools.ksp.processing.Resolver
import com.google.devtools.ksp.processing.SymbolProcessor
import com.google.devtools.ksp.symbol.KSAnnotated
import com.google.devtools.ksp.symbol.KSClassDeclaration
import com.google.devtools.ksp.symbol.KSNode
import com.google.devtools.ksp.symbol.Origin
import dev.burrow.processor.model.InstanceModel
import dev.burrow.processor.model.Target
import dev.burrow.processor.rules.Annotations
import dev.burrow.processor.rules.DefaultRoots
import dev.burrow.processor.rules.GeneratedNames
import dev.burrow.processor.rules.Messages
import dev.burrow.processor.write.GeneratedFiles
import dev.burrow.processor.write.KotlinChangesGenerator
import java.io.IOException

/**
 * Generates, for every Kotlin class annotated with `@dev.burrow.Instance`, the same `XSchema`,
 * `XChanges`, `XDirs` and `XStore` Java files as the javac processor (burrow-processor) does for a
 * record, and `XChanges.kt`, the Kotlin change properties: reads each class into the shared
 * rules' source ([InstanceReader]) and writes the files the model gives.
 *
 * Java classes are left to burrow-processor, which javac runs. Classes declared in a function are
 * looked for too (inside function bodies, which costs a walk of every body), to be reported: the
 * generated classes could not name them. Each generated file depends on the
 * annotated class's file only, so KSP can process incrementally. A class whose component types,
 * component annotations or `@Default` values are not resolved yet (made by another processor) is
 * deferred to the next round; those still
 * unresolved when processing ends are reported, whether or not other errors came first. Classes
 * whose default data roots are one folder, or that name one `dataRootEnv`, are reported, on each
 * ([DefaultRoots]), as are classes whose generated classes would share names ([GeneratedNames]).
 */
class InstanceSymbolProcessor(
    private val codeGenerator: CodeGenerator,
    private val logger: KSPLogger,
) : SymbolProcessor {
    private var unresolved: List<Pair<KSNode, String>> = emptyList()
    private val defaultRoots = DefaultRoots<KSNode>()
    private val generatedNames = GeneratedNames<KSNode>()

    override fun process(resolver: Resolver): List<KSAnnotated> {
        val reader = InstanceReader(resolver, logger)
        val target = reader.target(InstanceSymbolProcessor::class.java.name)
        val deferred = mutableListOf<KSAnnotated>()
        val stillUnresolved = mutableListOf<Pair<KSNode, String>>()
        for (symbol in resolver.getSymbolsWithAnnotation(Annotations.INSTANCE, inDepth = true)) {
            if (symbol !is KSClassDeclaration || symbol.origin == Origin.JAVA) {
                continue
            }
            val missing = reader.unresolved(symbol)
            if (missing.isNotEmpty()) {
                deferred += symbol
                stillUnresolved += missing
                continue
            }
            reader.read(symbol)?.withOptInMarkers(optInMarkers(symbol))?.let {
                defaultRoots.claim(it, symbol, reader)
                if (generatedNames.claim(it, symbol, reader)) {
                    write(symbol, it, target, reader.moduleOnly(symbol))
                }
            }
        }
        unresolved = stillUnresolved
        return deferred
    }

    override fun finish() = reportUnresolved()

    override fun onError() = reportUnresolved()

    private fun reportUnresolved() {
        unresolved.forEach { (node, message) -> logger.error(message, node) }
    }

    private fun write(type: KSClassDeclaration, model: InstanceModel, target: Target, internal: Boolean) {
        val dependencies = Dependencies(false, *listOfNotNull(type.containingFile).toTypedArray())
        for (file in GeneratedFiles.of(model, target)) {
            val name = file.typeSpec().name()
            writeFile(type, "${file.packageName()}.$name.java") {
                codeGenerator.createNewFile(dependencies, file.packageName(), name, "java")
                    .bufferedWriter()
                    .use { file.writeTo(it) }
            }
        }
        val kotlin = KotlinChangesGenerator.generate(model, target, internal)
        writeFile(type, "${kotlin.packageName}.${kotlin.name}.kt") {
            codeGenerator.createNewFile(dependencies, kotlin.packageName, kotlin.name, "kt")
                .bufferedWriter()
                .use { kotlin.writeTo(it) }
        }
    }

    private fun writeFile(type: KSClassDeclaration, name: String, write: () -> Unit) {
        try {
            write()
        } catch (e: IOException) {
            logger.error(Messages.writeFailed(name, e.toString()), type)
        }
    }
}
