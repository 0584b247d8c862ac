package dev.burrow.processor.ksp

import com.google.devtools.ksp.isAbstract
import com.google.devtools.ksp.processing.Resolver
import com.google.devtools.ksp.symbol.ClassKind
import com.google.devtools.ksp.symbol.KSClassDeclaration
import com.google.devtools.ksp.symbol.KSType
import com.google.devtools.ksp.symbol.KSTypeAlias
import com.google.devtools.ksp.symbol.KSTypeArgument
import com.google.devtools.ksp.symbol.KSTypeParameter
import com.google.devtools.ksp.symbol.Modifier
import com.google.devtools.ksp.symbol.Origin
import com.google.devtools.ksp.symbol.Variance
import dev.burrow.processor.model.ClassRef
import dev.burrow.processor.model.PrimitiveKind
import dev.burrow.processor.model.ScalarType
import dev.burrow.processor.rules.SourceType

/**
 * Describes Kotlin types for the shared rules: classes as Java names them (`kotlin.String` is
 * `java.lang.String`, a non-null `Int` the primitive `int`, a type argument or `Int?` its box),
 * and how messages show them (Kotlin names, `?` for nullable).
 */
internal class KotlinTypes(private val resolver: Resolver) {
    private val collection = starType("kotlin.collections.Collection")
    private val map = starType("kotlin.collections.Map")
    private val readBack = KotlinReadBack(resolver, this)

    private fun starType(name: String): KSType? =
        resolver.getClassDeclarationByName(resolver.getKSNameFromString(name))?.asStarProjectedType()

    /** [type] as the rules see it; [argument] says whether it is a type argument. */
    fun describe(type: KSType, argument: Boolean): SourceType {
        val text = text(type)
        return when (val declaration = type.declaration) {
            is KSTypeAlias -> describe(expand(type, declaration), argument)
            is KSTypeParameter -> SourceType.Unsupported(SourceType.Unsupported.Kind.TYPE_VARIABLE, text)
            is KSClassDeclaration -> declared(type, declaration, argument, text)
            else -> SourceType.Unsupported(SourceType.Unsupported.Kind.OTHER, text)
        }
    }

    private fun declared(type: KSType, declaration: KSClassDeclaration, argument: Boolean, text: String): SourceType {
        val name = declaration.qualifiedName?.asString().orEmpty()
        val primitive = PRIMITIVES[name]
        if (primitive != null && !argument && !type.isMarkedNullable) {
            return SourceType.Primitive(primitive, text)
        }
        if (name == "kotlin.Nothing") {
            // Nothing is a subtype of every type, collections included: it must not be judged by its shape.
            return SourceType.Unsupported(SourceType.Unsupported.Kind.OTHER, text)
        }
        if (isArray(declaration)) {
            return SourceType.Unsupported(SourceType.Unsupported.Kind.ARRAY, text)
        }
        if (Modifier.VALUE in declaration.modifiers || Modifier.INLINE in declaration.modifiers) {
            return SourceType.Unsupported(SourceType.Unsupported.Kind.VALUE_CLASS, text)
        }
        val shape = shape(type, declaration)
        val classRef = classRef(declaration)
        val judged = shape in JUDGED &&
            ScalarType.ofClass(classRef.qualifiedName()).isEmpty
        val verdict = if (judged) readBack.judge(type) else null
        return SourceType.Declared(
            classRef,
            shape,
            if (shape == SourceType.Shape.ENUM) enumConstants(declaration) else emptyList(),
            type.arguments.map(::argument),
            false,
            argument && type.isMarkedNullable,
            text,
            verdict?.whyNot,
            verdict?.kotlinClasses.orEmpty(),
            verdict?.constructorNames.orEmpty(),
        )
    }

    private fun argument(argument: KSTypeArgument): SourceType {
        val type = argument.type?.resolve()
        return if (type == null || argument.variance != Variance.INVARIANT) {
            SourceType.Unsupported(SourceType.Unsupported.Kind.WILDCARD, argumentText(argument))
        } else {
            describe(type, argument = true)
        }
    }

    /** Whether [type] is a collection or a map, which Jackson reads by its type arguments. */
    fun isCollection(type: KSType): Boolean {
        val star = type.starProjection().makeNotNullable()
        return collection?.isAssignableFrom(star) == true || map?.isAssignableFrom(star) == true
    }

    /** Whether [declaration] is one of Kotlin's array classes. */
    fun isArray(declaration: KSClassDeclaration): Boolean = declaration.qualifiedName?.asString() in ARRAYS

    private fun shape(type: KSType, declaration: KSClassDeclaration): SourceType.Shape {
        return when {
            declaration.classKind == ClassKind.ENUM_CLASS -> SourceType.Shape.ENUM
            isCollection(type) -> SourceType.Shape.COLLECTION
            declaration.classKind == ClassKind.INTERFACE || declaration.isAbstract() ||
                Modifier.SEALED in declaration.modifiers -> SourceType.Shape.ABSTRACT
            kotlinClass(declaration) -> SourceType.Shape.KOTLIN_CLASS
            else -> SourceType.Shape.CLASS
        }
    }

    /** Whether Jackson needs its Kotlin module to create [declaration]: a Kotlin class, not a record. */
    fun kotlinClass(declaration: KSClassDeclaration): Boolean =
        (declaration.origin == Origin.KOTLIN || declaration.origin == Origin.KOTLIN_LIB) &&
            declaration.annotations.none {
                it.annotationType.resolve().declaration.qualifiedName?.asString() == "kotlin.jvm.JvmRecord"
            }

    private fun enumConstants(declaration: KSClassDeclaration): List<String> =
        declaration.declarations
            .filterIsInstance<KSClassDeclaration>()
            .filter { it.classKind == ClassKind.ENUM_ENTRY }
            .map { it.simpleName.asString() }
            .toList()

    /** The class as Java names it: its package and its simple names from the outermost class in. */
    fun classRef(declaration: KSClassDeclaration): ClassRef {
        val name = declaration.qualifiedName?.asString().orEmpty()
        val java = resolver.mapKotlinNameToJava(resolver.getKSNameFromString(name))
        if (java != null) {
            return ClassRef.of(java.getQualifier(), java.getShortName())
        }
        val names = generateSequence(declaration) { it.parentDeclaration as? KSClassDeclaration }
            .map { it.simpleName.asString() }
            .toList()
            .reversed()
        return ClassRef(declaration.packageName.asString(), names)
    }

    /** Whether [type] or any of its type arguments could not be resolved (yet). */
    fun unresolved(type: KSType): Boolean =
        type.isError || type.arguments.any { argument -> argument.type?.resolve()?.let(::unresolved) == true }

    /** [type] as messages show it: qualified Kotlin names, type arguments, `?` where nullable. */
    fun text(type: KSType): String {
        // KSP2 names an unresolved type "<ERROR TYPE: Name>"; messages show the name as written.
        val name = type.declaration.qualifiedName?.asString()
            ?: type.declaration.simpleName.asString().removePrefix("<ERROR TYPE: ").removeSuffix(">")
        val arguments = if (type.arguments.isEmpty()) "" else type.arguments.joinToString(", ", "<", ">", transform = ::argumentText)
        return name + arguments + if (type.isMarkedNullable) "?" else ""
    }

    private fun argumentText(argument: KSTypeArgument): String {
        val type = argument.type?.resolve() ?: return "*"
        return when (argument.variance) {
            Variance.STAR -> "*"
            Variance.COVARIANT -> "out " + text(type)
            Variance.CONTRAVARIANT -> "in " + text(type)
            Variance.INVARIANT -> text(type)
        }
    }

    /**
     * [type] with its type aliases expanded, an alias of an alias too, keeping nullness from every
     * level: `MaybeText` of `typealias MaybeText = String?` is `String?`.
     */
    fun expanded(type: KSType): KSType {
        var current = type
        while (true) {
            val declaration = current.declaration as? KSTypeAlias ?: return current
            current = expand(current, declaration)
        }
    }

    /**
     * The type [alias] stands for, with the alias's arguments put in for its type parameters at any
     * depth, nullable where the alias writes `T?`: `NullableGrid<Int>` of `typealias Grid<T> =
     * List<List<T>>` and `typealias NullableGrid<T> = Grid<T?>` is `List<List<Int?>>`.
     */
    fun expand(type: KSType, alias: KSTypeAlias): KSType {
        val target = expanded(alias.type.resolve())
        val replaced = if (alias.typeParameters.isEmpty()) {
            target
        } else {
            val bound = alias.typeParameters.map { it.name.asString() }.zip(type.arguments).toMap()
            val parameter = target.declaration as? KSTypeParameter
            val given = parameter?.let { bound[it.name.asString()] }?.type?.resolve()
            when {
                // typealias Same<T> = T
                given != null -> if (target.isMarkedNullable) given.makeNullable() else given
                parameter != null -> target
                else -> substitute(target, bound)
            }
        }
        return if (type.isMarkedNullable) replaced.makeNullable() else replaced
    }

    /** [type] with the arguments [bound] gives put in for type parameters in its type arguments, at any depth. */
    private fun substitute(type: KSType, bound: Map<String, KSTypeArgument>): KSType =
        if (type.arguments.isEmpty()) type else type.replace(type.arguments.map { substitute(it, bound) })

    private fun substitute(argument: KSTypeArgument, bound: Map<String, KSTypeArgument>): KSTypeArgument {
        val type = argument.type?.resolve()?.let(::expanded) ?: return argument
        val parameter = type.declaration as? KSTypeParameter
        if (parameter == null) {
            return if (type.arguments.isEmpty()) argument else typeArgument(substitute(type, bound), argument.variance)
        }
        val given = bound[parameter.name.asString()] ?: return argument
        val givenType = given.type?.resolve()
        return when {
            givenType == null || given.variance == Variance.STAR -> given
            else -> typeArgument(
                if (type.isMarkedNullable) givenType.makeNullable() else givenType,
                // List<out T> of an argument String is List<out String>; List<T> of out String is List<out String>.
                if (argument.variance == Variance.INVARIANT) given.variance else argument.variance,
            )
        }
    }

    private fun typeArgument(type: KSType, variance: Variance): KSTypeArgument =
        resolver.getTypeArgument(resolver.createKSTypeReferenceFromKSType(type), variance)

    private companion object {
        val PRIMITIVES = mapOf(
            "kotlin.Boolean" to PrimitiveKind.BOOLEAN,
            "kotlin.Byte" to PrimitiveKind.BYTE,
            "kotlin.Short" to PrimitiveKind.SHORT,
            "kotlin.Char" to PrimitiveKind.CHAR,
            "kotlin.Int" to PrimitiveKind.INT,
            "kotlin.Long" to PrimitiveKind.LONG,
            "kotlin.Float" to PrimitiveKind.FLOAT,
            "kotlin.Double" to PrimitiveKind.DOUBLE,
        )
        val ARRAYS = setOf(
            "kotlin.Array", "kotlin.BooleanArray", "kotlin.ByteArray", "kotlin.ShortArray", "kotlin.CharArray",
            "kotlin.IntArray", "kotlin.LongArray", "kotlin.FloatArray", "kotlin.DoubleArray",
        )

        /** The shapes whose classes Jackson reads only if [KotlinReadBack] finds it can. */
        val JUDGED = setOf(SourceType.Shape.CLASS, SourceType.Shape.KOTLIN_CLASS, SourceType.Shape.ABSTRACT)
    }
}
