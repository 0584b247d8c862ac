/**
 * Burrow's own test support, not an API: the fail-closed prerequisites of Burrow's tests and tree
 * removal. The packages below hold the crash machinery and the throwaway PostgreSQL server.
 */
@NullMarked
package dev.burrow.test.internal;

import org.jspecify.annotations.NullMarked;
