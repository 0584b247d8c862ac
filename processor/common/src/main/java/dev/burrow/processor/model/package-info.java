/**
 * What the processor knows about one {@code @Instance} type once it is read and validated: plain
 * values, free of {@code javax.lang.model} and of JavaPoet, so that any front end (the javac
 * processor in {@code dev.burrow.processor.read}, a Kotlin symbol processor) can fill it and {@code
 * dev.burrow.processor.write} can generate the same Java files from it.
 *
 * <p>Types are described by {@link dev.burrow.processor.model.TypeRef} and {@link
 * dev.burrow.processor.model.ClassRef}; {@link dev.burrow.processor.model.Names} is the one place
 * where generated names are derived from the user's names.
 */
@NullMarked
package dev.burrow.processor.model;

import org.jspecify.annotations.NullMarked;
