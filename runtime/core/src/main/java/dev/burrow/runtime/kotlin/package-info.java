/**
 * Support for code generated for Kotlin classes: {@link dev.burrow.runtime.kotlin.KotlinDefaults}
 * lets it use a class's own default values. Exported for generated code only; not a user API.
 */
@NullMarked
package dev.burrow.runtime.kotlin;

import org.jspecify.annotations.NullMarked;
