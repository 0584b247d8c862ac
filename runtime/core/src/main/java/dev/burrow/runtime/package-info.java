/**
 * The engine generated stores delegate to, {@link dev.burrow.runtime.StoreEngine}. <b>For generated
 * code only; not a user API.</b> It is exported only because the stores the processor generates in
 * a user's module must reach it, and nothing here is promised to stay compatible beyond the
 * generated code of the same Burrow version. Users work with the generated store and the {@code
 * dev.burrow} package.
 */
@NullMarked
package dev.burrow.runtime;

import org.jspecify.annotations.NullMarked;
