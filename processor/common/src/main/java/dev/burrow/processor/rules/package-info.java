/**
 * The rules of {@code @Instance} types, for every front end: a front end reads its source (javac
 * elements, KSP symbols) into an {@link dev.burrow.processor.rules.InstanceSource} whose types are
 * {@link dev.burrow.processor.rules.SourceType}s, and {@link
 * dev.burrow.processor.rules.InstanceRules} checks it and builds the model, reporting through the
 * front end's {@link dev.burrow.processor.rules.Diagnostics}. Every diagnostic text is in {@link
 * dev.burrow.processor.rules.Messages}. Plain Java: no javac, KSP or code generation.
 */
@NullMarked
package dev.burrow.processor.rules;

import org.jspecify.annotations.NullMarked;
