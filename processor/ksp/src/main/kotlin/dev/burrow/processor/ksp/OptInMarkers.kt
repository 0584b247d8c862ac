package dev.burrow.processor.ksp

import com.google.devtools.ksp.symbol.KSAnnotated
import com.google.devtools.ksp.symbol.KSClassDeclaration
import com.google.devtools.ksp.symbol.KSDeclaration
import com.google.devtools.ksp.symbol.KSType
import com.google.devtools.ksp.symbol.KSTypeAlias
import dev.burrow.processor.model.ClassRef

/**
 * The Kotlin opt-in markers (`@RequiresOptIn` annotations) the generated `XChanges.kt` must opt in
 * to for [type]: those the class opts in to with `@OptIn`, and those on the classes (and type
 * aliases) of its primary constructor's parameter types, their enclosing classes, and their type
 * arguments, at any depth. Its properties name those types as the class does.
 */
internal fun optInMarkers(type: KSClassDeclaration): List<ClassRef> {
    val markers = linkedSetOf<ClassRef>()
    type.annotations
        .filter { it.annotationType.resolve().declaration.qualifiedName?.asString() == OPT_IN }
        .flatMap { it.arguments }
        .flatMap { argument -> (argument.value as? List<*>) ?: listOf(argument.value) }
        .forEach { marker ->
            when (marker) {
                is KSType -> marker.declaration
                is KSClassDeclaration -> marker
                else -> null
            }?.let { markers += classRef(it) }
        }
    val seen = mutableSetOf<KSType>()
    fun walk(kind: KSType) {
        if (!seen.add(kind)) {
            return
        }
        var declaration: KSDeclaration? = kind.declaration
        while (declaration != null) {
            markers += markersOn(declaration)
            declaration = declaration.parentDeclaration
        }
        (kind.declaration as? KSTypeAlias)?.type?.resolve()?.let(::walk)
        kind.arguments.forEach { argument -> argument.type?.resolve()?.let(::walk) }
    }
    type.primaryConstructor?.parameters?.forEach { walk(it.type.resolve()) }
    return markers.toList()
}

/** The opt-in markers [annotated] is annotated with. */
private fun markersOn(annotated: KSAnnotated): List<ClassRef> =
    annotated.annotations
        .map { it.annotationType.resolve().declaration }
        .filter { annotation -> annotation.annotations.any { it.annotationType.resolve().declaration.qualifiedName?.asString() == REQUIRES_OPT_IN } }
        .map(::classRef)
        .toList()

private fun classRef(declaration: KSDeclaration): ClassRef =
    ClassRef(
        declaration.packageName.asString(),
        generateSequence(declaration) { it.parentDeclaration }.map { it.simpleName.asString() }.toList().reversed(),
    )

private const val OPT_IN = "kotlin.OptIn"
private const val REQUIRES_OPT_IN = "kotlin.RequiresOptIn"
