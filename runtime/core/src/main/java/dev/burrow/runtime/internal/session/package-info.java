/**
 * Prepare once, create many: a {@link dev.burrow.runtime.internal.session.PreparingSessionFactory}
 * runs an expensive preparation once per factory, thread-safely, and hands out cheap per-instance
 * {@link dev.burrow.runtime.internal.session.DefaultSession}s.
 */
@NullMarked
package dev.burrow.runtime.internal.session;

import org.jspecify.annotations.NullMarked;
