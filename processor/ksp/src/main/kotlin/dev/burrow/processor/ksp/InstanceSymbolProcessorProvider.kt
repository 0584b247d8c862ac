package dev.burrow.processor.ksp

import com.google.devtools.ksp.processing.SymbolProcessor
import com.google.devtools.ksp.processing.SymbolProcessorEnvironment
import com.google.devtools.ksp.processing.SymbolProcessorProvider

/** Registers [InstanceSymbolProcessor] with KSP, which finds this class through `ServiceLoader`. */
class InstanceSymbolProcessorProvider : SymbolProcessorProvider {
    override fun create(environment: SymbolProcessorEnvironment): SymbolProcessor =
        InstanceSymbolProcessor(environment.codeGenerator, environment.logger)
}
