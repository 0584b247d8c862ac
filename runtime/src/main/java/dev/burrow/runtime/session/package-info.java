/**
 * Prepare once, create many: a {@link dev.burrow.runtime.session.SessionFactory} runs an
 * expensive preparation once per factory, thread-safely, and hands out cheap per-instance
 * {@link dev.burrow.runtime.session.Session}s.
 */
@NullMarked
package dev.burrow.runtime.session;

import org.jspecify.annotations.NullMarked;
