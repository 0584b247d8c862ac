/** Data roots opened without the application's classes, as plain JSON documents. */
@NullMarked
package dev.burrow.cli.root;

import org.jspecify.annotations.NullMarked;
