/** What the command prints: JSON for scripts, text and progress for people. */
@NullMarked
package dev.burrow.cli.output;

import org.jspecify.annotations.NullMarked;
