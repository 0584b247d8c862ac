/** One class per {@code burrow} command. */
@NullMarked
package dev.burrow.cli.command;

import org.jspecify.annotations.NullMarked;
