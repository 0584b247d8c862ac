package dev.burrow.processor.ksp

import com.google.devtools.ksp.getConstructors
import com.google.devtools.ksp.getDeclaredFunctions
import com.google.devtools.ksp.getDeclaredProperties
import com.google.devtools.ksp.isAbstract
import com.google.devtools.ksp.isPrivate
import com.google.devtools.ksp.symbol.ClassKind
import com.google.devtools.ksp.symbol.KSAnnotated
import com.google.devtools.ksp.symbol.KSClassDeclaration
import com.google.devtools.ksp.symbol.KSFunctionDeclaration
import com.google.devtools.ksp.symbol.KSType
import com.google.devtools.ksp.symbol.KSTypeAlias
import com.google.devtools.ksp.symbol.KSValueParameter
import com.google.devtools.ksp.symbol.Modifier
import com.google.devtools.ksp.symbol.Origin
import dev.burrow.processor.model.ClassRef
import dev.burrow.processor.model.ConstructorNames
import dev.burrow.processor.rules.JacksonReadBack
import dev.burrow.processor.rules.Messages

/**
 * Whether Jackson can read back a nested type it wrote, the KSP counterpart of the javac
 * processor's `ReadBack`, with the same lists ([JacksonReadBack]) and messages: a JDK class Jackson
 * has no reader for, an interface or abstract class without a Jackson annotation that says how to
 * read it, and a class with no constructor Jackson could use are refused, also inside a type
 * argument, a record or a Kotlin class's primary constructor, recursively. Only what certainly
 * fails is refused.
 *
 * A Java class Jackson creates through its only non-private constructor needs that constructor's
 * parameter names at run time, which Jackson reads only from what javac's `-parameters` records:
 * the names KSP knows (from Java source, or from a class file) are collected for the generated
 * codec to supply, and a class whose names KSP does not know either is refused.
 */
internal class KotlinReadBack(private val types: KotlinTypes) {
    /**
     * What Jackson meets when it reads a value back: why it cannot ([whyNot], null if it can as far
     * as KSP can tell), and the Kotlin classes other than records it creates on the way
     * ([kotlinClasses], the type itself if it is one, and those in its type arguments and
     * properties, at any depth), which need Jackson 3's Kotlin module; and the parameter names of
     * the constructors of the Java classes it creates through them ([constructorNames]).
     */
    class Verdict(val whyNot: String?, val kotlinClasses: List<ClassRef>, val constructorNames: List<ConstructorNames>)

    /** What Jackson meets when it reads a value of [type] back. */
    fun judge(type: KSType): Verdict {
        val walk = Walk()
        val why = walk.whyNot(type)
        return Verdict(why, walk.kotlin.toList(), walk.constructorNames.toList())
    }

    /** One check, remembering the classes seen so that recursive types end. */
    private inner class Walk {
        private val seen = mutableSetOf<String>()
        val kotlin = linkedSetOf<ClassRef>()
        val constructorNames = mutableListOf<ConstructorNames>()

        fun whyNot(type: KSType): String? {
            val declaration = type.declaration
            if (declaration is KSTypeAlias) {
                return whyNot(types.expand(type, declaration))
            }
            if (declaration !is KSClassDeclaration) {
                return null
            }
            type.arguments.firstNotNullOfOrNull { argument -> argument.type?.resolve()?.let(::whyNot) }?.let { return it }
            val name = types.classRef(declaration).qualifiedName()
            if (!seen.add(name) || declaration.classKind == ClassKind.ENUM_CLASS || types.isCollection(type) ||
                types.isArray(declaration) || Modifier.VALUE in declaration.modifiers
            ) {
                return null
            }
            if (JacksonReadBack.readableByName(name, annotated(declaration, JacksonReadBack.READ_ANNOTATIONS))) {
                return null
            }
            val abstract = declaration.classKind == ClassKind.INTERFACE || declaration.isAbstract() ||
                Modifier.SEALED in declaration.modifiers
            JacksonReadBack.whyNot(name, abstract)?.let { return it }
            if (types.kotlinClass(declaration)) {
                kotlin += types.classRef(declaration)
            }
            val components = components(declaration)
            if (components != null) {
                return components.firstNotNullOfOrNull(::whyNot)
            }
            return creatorProblem(declaration, name)
        }

        /**
         * Why Jackson cannot construct [type], or null if it can: through a no-argument
         * constructor, a `@JsonCreator` constructor or factory, a `@ConstructorProperties`
         * constructor, or its only non-private constructor, if the parameters' names are known
         * (then collected for the codec) or each is named by `@JsonProperty`.
         */
        private fun creatorProblem(type: KSClassDeclaration, name: String): String? {
            val constructors = type.getConstructors().toList()
            if (constructors.any { it.parameters.isEmpty() }) {
                return null
            }
            val factories = (listOf(type) + type.declarations.filterIsInstance<KSClassDeclaration>().filter { it.isCompanionObject })
                .flatMap { it.getDeclaredFunctions() }
            if ((constructors + factories).any { annotated(it, JacksonReadBack.CREATOR_ANNOTATIONS) }) {
                return null
            }
            val visible = constructors.filterNot { it.isPrivate() }
            if (visible.size != 1) {
                return Messages.noCreator(name)
            }
            val parameters = visible.single().parameters
            if (namesKnown(visible.single())) {
                constructorNames += ConstructorNames(types.classRef(type), parameters.map { it.name?.asString().orEmpty() })
                return null
            }
            return if (parameters.all(::namedByJsonProperty)) null else Messages.parameterNamesUnknown(name)
        }

        /**
         * The types Jackson reads to create [type], when it creates it from them: a Kotlin class's
         * primary constructor parameters (jackson-module-kotlin uses that constructor), a Java
         * record's components; null for any other class.
         */
        private fun components(type: KSClassDeclaration): List<KSType>? = when {
            type.origin == Origin.KOTLIN || type.origin == Origin.KOTLIN_LIB ->
                type.primaryConstructor?.parameters?.map { it.type.resolve() }
            type.superTypes.any { it.resolve().declaration.qualifiedName?.asString() == "java.lang.Record" } ->
                type.getDeclaredProperties().filter { Modifier.JAVA_STATIC !in it.modifiers }.map { it.type.resolve() }.toList()
            else -> null
        }
    }

    /**
     * False when the parameter names are placeholders, as for a Java class file compiled without
     * `-parameters` (`arg0` as javac names them, `p0` as KSP may).
     */
    private fun namesKnown(constructor: KSFunctionDeclaration): Boolean =
        constructor.parameters.withIndex().any { (index, parameter) ->
            parameter.name?.asString().let { it != "arg$index" && it != "p$index" }
        }

    /** Whether [parameter] carries `@JsonProperty` with a name. */
    private fun namedByJsonProperty(parameter: KSValueParameter): Boolean =
        parameter.annotations
            .firstOrNull { it.annotationType.resolve().declaration.qualifiedName?.asString() == JacksonReadBack.PROPERTY_ANNOTATION }
            ?.arguments
            ?.any { it.name?.asString() == "value" && (it.value as? String).orEmpty().isNotEmpty() } == true

    private fun annotated(annotated: KSAnnotated, names: Set<String>): Boolean =
        annotated.annotations.any { it.annotationType.resolve().declaration.qualifiedName?.asString() in names }
}
