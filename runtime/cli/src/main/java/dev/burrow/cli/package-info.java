/** The {@code burrow} command line. */
@NullMarked
package dev.burrow.cli;

import org.jspecify.annotations.NullMarked;
