/**
 * The schema SPI: what Burrow's runtime needs to know about one annotated type. The annotation
 * processor generates an implementation per {@code @Instance} type; a hand-written implementation
 * works the same way.
 */
@NullMarked
package dev.burrow.spi;

import org.jspecify.annotations.NullMarked;
