/**
 * Files inside an instance's directory, addressed by relative paths that cannot leave it: typed
 * JSON files (checkpoints, results) read and written atomically.
 */
@NullMarked
package dev.burrow.runtime.internal.files;

import org.jspecify.annotations.NullMarked;
