/**
 * The PostgreSQL backend's implementation, not an API: documents, leases and fencing, expression
 * indexes, schema migrations and the mapping of server errors to Burrow's exceptions.
 */
@NullMarked
package dev.burrow.postgres.internal;

import org.jspecify.annotations.NullMarked;
