/**
 * Burrow's annotation processor, split like Room's compiler: {@link
 * dev.burrow.processor.InstanceProcessor} only dispatches; {@code read} turns each
 * {@code @Instance} type into a {@code model} (validating as it goes and reporting every problem on
 * the element that causes it); {@code write} generates one Java file per generator from the model:
 * {@code XSchema}, {@code XChanges}, {@code XDirs} and {@code XStore}. {@code model} and {@code
 * write} know nothing of javac, so another front end can reuse them.
 */
@NullMarked
package dev.burrow.processor;

import org.jspecify.annotations.NullMarked;
