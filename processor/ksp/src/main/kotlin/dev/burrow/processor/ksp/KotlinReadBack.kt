package dev.burrow.processor.ksp

import com.google.devtools.ksp.getAllSuperTypes
import com.google.devtools.ksp.getConstructors
import com.google.devtools.ksp.getDeclaredFunctions
import com.google.devtools.ksp.getDeclaredProperties
import com.google.devtools.ksp.isAbstract
import com.google.devtools.ksp.isConstructor
import com.google.devtools.ksp.isPrivate
import com.google.devtools.ksp.isPublic
import com.google.devtools.ksp.processing.Resolver
import com.google.devtools.ksp.symbol.ClassKind
import com.google.devtools.ksp.symbol.KSAnnotated
import com.google.devtools.ksp.symbol.KSAnnotation
import com.google.devtools.ksp.symbol.KSClassDeclaration
import com.google.devtools.ksp.symbol.KSDeclaration
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
 * argument, a record, a Kotlin class's primary constructor or a subtype `@JsonSubTypes` lists
 * or a sealed type permits, recursively. Only what certainly
 * fails is refused.
 *
 * A Java class Jackson creates through its only non-private constructor needs that constructor's
 * parameter names at run time, which Jackson reads only from what javac's `-parameters` records:
 * the names KSP knows (from Java source, or from a class file) are collected for the generated
 * codec to supply, and a class whose names KSP does not know either is refused. So are those of a
 * Java class's `@JsonCreator` constructor or static factory that takes its parameters as properties
 * (more than one, or `mode = PROPERTIES`), for the parameters `@JsonProperty` does not name.
 */
internal class KotlinReadBack(private val resolver: Resolver, private val types: KotlinTypes) {
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
                types.isArray(declaration)
            ) {
                return null
            }
            if (JacksonReadBack.readableByName(name, annotated(declaration, JacksonReadBack.READ_ANNOTATIONS))) {
                return subtypes(declaration).firstNotNullOfOrNull(::whyNot)
            }
            val abstract = declaration.classKind == ClassKind.INTERFACE || declaration.isAbstract() ||
                Modifier.SEALED in declaration.modifiers
            JacksonReadBack.whyNot(name, abstract)?.let { return it }
            if (Modifier.VALUE in declaration.modifiers) {
                return null
            }
            if (types.kotlinClass(declaration)) {
                kotlin += types.classRef(declaration)
            }
            val components = components(declaration)
            if (components != null) {
                unwrittenParameter(declaration)?.let { return it }
                return components.firstNotNullOfOrNull(::whyNot)
            }
            return creatorProblem(declaration, name)
        }

        /**
         * Why Jackson cannot construct [type], or null if it can: through its `@JsonCreator`
         * constructors and static factories if it has any ([jsonCreatorProblem]), else through a
         * no-argument constructor, a `@ConstructorProperties` constructor, or its only non-private
         * constructor, if the parameters' names are known (then collected for the codec) or each is
         * named by `@JsonProperty`.
         */
        private fun creatorProblem(type: KSClassDeclaration, name: String): String? {
            val constructors = type.getConstructors().toList()
            val factories = (listOf(type) + type.declarations.filterIsInstance<KSClassDeclaration>().filter { it.isCompanionObject })
                .flatMap { it.getDeclaredFunctions() }
            val creators = (constructors + factories).filter { annotated(it, JacksonReadBack.CREATOR_ANNOTATIONS) }
            if (creators.isNotEmpty()) {
                return creators.firstNotNullOfOrNull { jsonCreatorProblem(type, it) }
            }
            if (constructors.any { it.parameters.isEmpty() }) {
                return null
            }
            val visible = constructors.filterNot { it.isPrivate() }
            if (visible.size != 1) {
                return Messages.noCreator(name)
            }
            val parameters = visible.single().parameters
            if (namesKnown(visible.single())) {
                val names = parameters.map { it.name?.asString().orEmpty() }
                val properties = writtenProperties(type)
                val unwritten = properties?.let { JacksonReadBack.unwrittenParameter(names, it) }
                if (properties != null && unwritten != null) {
                    return Messages.constructorParameterNotProperty(name, unwritten, properties.joinToString(", "))
                }
                constructorNames += ConstructorNames(types.classRef(type), names)
                return null
            }
            return if (parameters.all(::namedByJsonProperty)) null else Messages.parameterNamesUnknown(name)
        }

        /**
         * Why Jackson cannot call [creator], a constructor or static factory of a Java class
         * annotated `@JsonCreator` or `@ConstructorProperties`, or null if it can; as the javac
         * processor's `ReadBack` decides. One that takes its parameters as properties
         * ([JacksonReadBack.takesProperties]) needs a name for each that has no `@JsonProperty` name
         * and is not `@JacksonInject`ed: the names KSP read are collected for the codec, and a class
         * file that records none is refused. A Kotlin class's creators are the Kotlin module's
         * business, and a companion's factory is no Java static method: both are left alone.
         */
        private fun jsonCreatorProblem(type: KSClassDeclaration, creator: KSFunctionDeclaration): String? {
            val jsonCreator = annotation(creator, JacksonReadBack.JSON_CREATOR)
            if (jsonCreator == null || annotation(creator, JacksonReadBack.CONSTRUCTOR_PROPERTIES) != null ||
                type.origin == Origin.KOTLIN || type.origin == Origin.KOTLIN_LIB || creator.parentDeclaration != type
            ) {
                return null
            }
            val parameters = creator.parameters
            if (!JacksonReadBack.takesProperties(parameters.size, mode(jsonCreator))) {
                return null
            }
            val unnamed = parameters.withIndex()
                .filter { (_, p) -> !namedByJsonProperty(p) && annotation(p, JacksonReadBack.INJECT_ANNOTATION) == null }
                .map { (index, p) -> "${index + 1} (${typeName(p)})" }
            if (unnamed.isEmpty()) {
                return null
            }
            val constructor = creator.isConstructor()
            if (namesKnown(creator)) {
                constructorNames += ConstructorNames(
                    types.classRef(type),
                    if (constructor) ConstructorNames.CONSTRUCTOR else creator.simpleName.asString(),
                    parameters.map { it.name?.asString().orEmpty() },
                )
                return null
            }
            val described = (if (constructor) "constructor ${type.simpleName.asString()}" else "factory ${creator.simpleName.asString()}") +
                parameters.joinToString(", ", "(", ")") { typeName(it) }
            return Messages.creatorParameterNamesUnknown(types.classRef(type).qualifiedName(), described, unnamed)
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
     * Why Jackson would read a Kotlin class [type] back without a value: a parameter of its primary
     * constructor (which jackson-module-kotlin creates it through) is named after none of the
     * properties Jackson writes (those that are not private, and the getters and public fields), as
     * a plain parameter or a `private val` is; null if there is none, or a Jackson annotation may
     * rename them.
     */
    private fun unwrittenParameter(type: KSClassDeclaration): String? {
        val written = writtenProperties(type)
        if (type.origin != Origin.KOTLIN && type.origin != Origin.KOTLIN_LIB || written == null) {
            return null
        }
        val properties = (type.getAllProperties().filterNot { it.isPrivate() }.map { it.simpleName.asString() } + written).distinct().toList()
        val parameters = type.primaryConstructor?.parameters.orEmpty().map { it.name?.asString().orEmpty() }
        val unwritten = JacksonReadBack.unwrittenParameter(parameters, properties) ?: return null
        return Messages.constructorParameterNotProperty(
            types.classRef(type).qualifiedName(),
            unwritten,
            properties.joinToString(", "),
        )
    }

    /**
     * The properties Jackson writes for [type]: those of the public instance getters and fields
     * (properties, to KSP) of it and its supertypes; null if a Jackson annotation on any of them (or
     * their parameters) may rename, hide or add some.
     */
    private fun writtenProperties(type: KSClassDeclaration): List<String>? {
        val functions = type.getAllFunctions().filter { it.parentDeclaration?.qualifiedName?.asString() !in OBJECT }.toList()
        val fields = type.getAllProperties().toList()
        val annotated = listOf<KSAnnotated>(type) + type.getAllSuperTypes().map { it.declaration }.toList() + functions +
            functions.flatMap { it.parameters } + fields + type.getConstructors().flatMap { it.parameters }.toList()
        if (annotated.any { element -> element.annotations.any { JacksonReadBack.jacksonAnnotation(qualifiedName(it)) } }) {
            return null
        }
        val instance = { declaration: KSDeclaration -> declaration.isPublic() && Modifier.JAVA_STATIC !in declaration.modifiers }
        val getters = functions
            .filter { instance(it) && !it.isConstructor() && it.parameters.isEmpty() && !returnsNothing(it) }
            .mapNotNull { JacksonReadBack.getterProperty(it.simpleName.asString()) }
        return getters + fields.filter(instance).map { it.simpleName.asString() }
    }

    /**
     * The classes Jackson creates in place of [type]: those `@JsonSubTypes` on it lists, and the
     * concrete ones among its sealed subclasses at any depth, which Jackson finds without
     * `@JsonSubTypes` (and the Kotlin module for a Kotlin class even with it); none if
     * `@JsonDeserialize` tells Jackson another way.
     */
    private fun subtypes(type: KSClassDeclaration): List<KSType> {
        if (annotation(type, JacksonReadBack.JSON_DESERIALIZE) != null) {
            return emptyList()
        }
        val subTypes = annotation(type, JacksonReadBack.JSON_SUB_TYPES)
        val listed = subTypes?.let { values(it).filterIsInstance<KSAnnotation>().flatMap(::values).filterIsInstance<KSType>() }
        if (listed != null && !types.kotlinClass(type)) {
            return listed
        }
        return listed.orEmpty() + sealedClasses(type).map { it.asStarProjectedType() }
    }

    /** The concrete classes among [type]'s sealed subclasses and theirs, at any depth. */
    private fun sealedClasses(type: KSClassDeclaration): List<KSClassDeclaration> =
        sealedSubclasses(type).flatMap { subclass ->
            val concrete = subclass.classKind != ClassKind.INTERFACE && !subclass.isAbstract() &&
                Modifier.SEALED !in subclass.modifiers
            (if (concrete) listOf(subclass) else emptyList()) + sealedClasses(subclass)
        }.toList()

    /**
     * [type]'s direct sealed subclasses. KSP2 shows a Java source type as neither sealed nor with
     * subclasses: for one declared `sealed` they are the classes of this compilation's Java sources
     * that extend it, as javac allows only those it permits.
     */
    private fun sealedSubclasses(type: KSClassDeclaration): Sequence<KSClassDeclaration> {
        if (type.origin != Origin.JAVA || !SourceText.javaSealed(type)) {
            return type.getSealedSubclasses()
        }
        val name = type.qualifiedName?.asString()
        return resolver.getAllFiles().filter { it.origin == Origin.JAVA }.flatMap { classes(it.declarations) }
            .filter { subclass -> subclass.superTypes.any { it.resolve().declaration.qualifiedName?.asString() == name } }
    }

    /** The classes among [declarations] and those nested in them, at any depth. */
    private fun classes(declarations: Sequence<KSDeclaration>): Sequence<KSClassDeclaration> =
        declarations.filterIsInstance<KSClassDeclaration>().flatMap { sequenceOf(it) + classes(it.declarations) }

    /** The values of [annotation]'s element `value`, given as one or as an array. */
    private fun values(annotation: KSAnnotation): List<Any?> =
        when (val value = annotation.arguments.firstOrNull { it.name?.asString() == "value" }?.value) {
            is List<*> -> value
            is Array<*> -> value.toList()
            else -> listOfNotNull(value)
        }

    private fun returnsNothing(function: KSFunctionDeclaration): Boolean =
        function.returnType?.resolve()?.declaration?.qualifiedName?.asString() in setOf("kotlin.Unit", "kotlin.Nothing")

    private fun qualifiedName(annotation: KSAnnotation): String =
        annotation.annotationType.resolve().declaration.qualifiedName?.asString().orEmpty()

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

    /** The name of `@JsonCreator`'s `mode`, or null if not given (an enum entry, however KSP hands it). */
    private fun mode(jsonCreator: KSAnnotation): String? =
        when (val value = jsonCreator.arguments.firstOrNull { it.name?.asString() == "mode" }?.value) {
            null -> null
            is KSType -> value.declaration.simpleName.asString()
            is KSDeclaration -> value.simpleName.asString()
            else -> value.toString().substringAfterLast('.')
        }

    /** A parameter's type as Java writes it in a message: qualified, without type arguments. */
    private fun typeName(parameter: KSValueParameter): String {
        val type = parameter.type.resolve()
        val name = type.declaration.qualifiedName?.asString() ?: type.toString()
        return JAVA_NAMES[name] ?: name
    }

    private fun annotation(annotated: KSAnnotated, name: String): KSAnnotation? =
        annotated.annotations.firstOrNull { it.annotationType.resolve().declaration.qualifiedName?.asString() == name }

    private fun annotated(annotated: KSAnnotated, names: Set<String>): Boolean =
        annotated.annotations.any { it.annotationType.resolve().declaration.qualifiedName?.asString() in names }
}

/** The classes whose methods Jackson never takes for getters (`getClass`). */
private val OBJECT = setOf("kotlin.Any", "java.lang.Object")

/** The Java names of the Kotlin types KSP shows a Java parameter's type as. */
private val JAVA_NAMES = mapOf(
    "kotlin.Int" to "int", "kotlin.Long" to "long", "kotlin.Short" to "short", "kotlin.Byte" to "byte",
    "kotlin.Boolean" to "boolean", "kotlin.Char" to "char", "kotlin.Double" to "double", "kotlin.Float" to "float",
    "kotlin.String" to "java.lang.String", "kotlin.Any" to "java.lang.Object",
)
