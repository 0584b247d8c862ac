/**
 * Burrow's annotation processor. {@link dev.burrow.processor.InstanceProcessor} reads each
 * {@code @Instance} type into an {@code InstanceModel} (validating as it goes and reporting
 * every problem on the element that causes it), then hands the model to one generator per
 * generated file: {@code XSchema}, {@code XChanges}, {@code XDirs} and {@code XStore}.
 */
@NullMarked
package dev.burrow.processor;

import org.jspecify.annotations.NullMarked;
