/** Parcels kept in PostgreSQL by a named module. */
@NullMarked
package dev.burrow.samples.jpms.postgres;

import org.jspecify.annotations.NullMarked;
