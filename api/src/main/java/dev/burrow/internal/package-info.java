/**
 * Helpers shared by {@code dev.burrow} and {@code dev.burrow.spi}, so that neither package needs
 * the other for them. Not exported: no user or backend author calls these.
 */
@NullMarked
package dev.burrow.internal;

import org.jspecify.annotations.NullMarked;
