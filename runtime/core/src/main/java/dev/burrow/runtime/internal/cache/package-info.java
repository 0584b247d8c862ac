/** What stores keep in memory of the documents they wrote or read, within one budget per JVM. */
@NullMarked
package dev.burrow.runtime.internal.cache;

import org.jspecify.annotations.NullMarked;
