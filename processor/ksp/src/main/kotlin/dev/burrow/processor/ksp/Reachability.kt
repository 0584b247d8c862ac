package dev.burrow.processor.ksp

import com.google.devtools.ksp.getVisibility
import com.google.devtools.ksp.processing.Resolver
import com.google.devtools.ksp.symbol.KSClassDeclaration
import com.google.devtools.ksp.symbol.Origin
import com.google.devtools.ksp.symbol.Visibility
import dev.burrow.processor.model.ClassRef
import dev.burrow.processor.rules.SourceType

/**
 * Refuses the classes generated code cannot name. The generated classes of an instance type are
 * top-level classes of its package, in no subclass of anything: they cannot name a private class,
 * a protected one (Kotlin's `protected` is for subclasses only; Java's also for its package), a
 * Java package-private one of another package, or a class nested in one of these. Kotlin refuses
 * most of these in a public class's constructor itself, but not a protected class of a superclass
 * used in a class nested in the subclass.
 */
internal class Reachability(private val resolver: Resolver) {

    /**
     * [type], with every class in it (the type arguments included) that the generated classes in
     * [packageName] cannot name replaced by [SourceType.Unsupported.Kind.PRIVATE].
     */
    fun check(type: SourceType, packageName: String): SourceType {
        if (type !is SourceType.Declared) {
            return type
        }
        val unreachable = unreachable(type.name, packageName)
        if (unreachable != null) {
            return SourceType.Unsupported(SourceType.Unsupported.Kind.PRIVATE, unreachable)
        }
        val arguments = type.arguments.map { check(it, packageName) }
        return if (arguments == type.arguments) type else type.withArguments(arguments)
    }

    /** The name of [type] as Kotlin spells it if [packageName] cannot name it, else null. */
    private fun unreachable(type: ClassRef, packageName: String): String? {
        val declaration = resolver.getClassDeclarationByName(resolver.getKSNameFromString(type.qualifiedName()))
            ?: return null
        val cannot = generateSequence(declaration) { it.parentDeclaration as? KSClassDeclaration }
            .any { !reachable(it, packageName) }
        return if (cannot) declaration.qualifiedName?.asString() ?: type.qualifiedName() else null
    }

    private fun reachable(declaration: KSClassDeclaration, packageName: String): Boolean {
        val samePackage = declaration.packageName.asString() == packageName
        return when (declaration.getVisibility()) {
            Visibility.PRIVATE, Visibility.LOCAL -> false
            Visibility.PROTECTED -> samePackage && declaration.origin in JAVA
            Visibility.JAVA_PACKAGE -> samePackage
            else -> true
        }
    }

    private companion object {
        val JAVA = setOf(Origin.JAVA, Origin.JAVA_LIB)
    }
}
