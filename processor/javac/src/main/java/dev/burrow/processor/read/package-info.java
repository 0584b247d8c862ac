/**
 * Reads {@code @Instance} types from {@code javax.lang.model} elements into the model and validates
 * them. Every diagnostic text is in {@link dev.burrow.processor.read.Messages} and is reported on
 * the offending element; {@code Messages}, {@code PortableNames} and {@code DefaultLiterals} are
 * plain Java, for other front ends to reuse.
 */
@NullMarked
package dev.burrow.processor.read;

import org.jspecify.annotations.NullMarked;
