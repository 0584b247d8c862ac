/**
 * Support for code generated for Kotlin classes: {@link dev.burrow.runtime.kotlin.KotlinDefaults}
 * lets it use a class's own default values. <b>For generated code only; not a user API:</b> nothing
 * here is promised to stay compatible beyond the generated code of the same Burrow version.
 */
@NullMarked
package dev.burrow.runtime.kotlin;

import org.jspecify.annotations.NullMarked;
