/**
 * Generates the Java sources of one {@code @Instance} type from its {@link
 * dev.burrow.processor.model.InstanceModel}: one generator per file ({@code XSchema}, {@code
 * XChanges}, {@code XDirs}, {@code XStore}), all listed by {@link
 * dev.burrow.processor.write.GeneratedFiles}. Model types become JavaPoet types here and nowhere
 * else ({@code TypeNames}).
 */
@NullMarked
package dev.burrow.processor.write;

import org.jspecify.annotations.NullMarked;
