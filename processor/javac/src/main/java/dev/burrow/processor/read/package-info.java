/**
 * Reads {@code @Instance} types from {@code javax.lang.model} elements (records, and kapt's stubs
 * of Kotlin classes) into the {@code dev.burrow.processor.rules} sources, which the shared rules
 * check and turn into the model; every diagnostic is reported on the offending element.
 */
@NullMarked
package dev.burrow.processor.read;

import org.jspecify.annotations.NullMarked;
