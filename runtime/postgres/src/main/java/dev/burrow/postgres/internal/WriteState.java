package dev.burrow.postgres.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * What a guarded write statement did, the row and lease it saw, for a delete that removed the row,
 * the ID of its transaction, for a create that made the row or a delete that removed it, the row's
 * incarnation, and for a replace that kept the stored creation time, the value it wrote (a JSON
 * string).
 */
record WriteState(
    boolean written,
    @Nullable Long version,
    LeaseState lease,
    @Nullable Long transaction,
    @Nullable String created,
    @Nullable Long incarnation) {
  static final WriteState WRITTEN = written(null);

  /** Written, as learned after a lost connection, with the creation time a replace kept. */
  static WriteState written(@Nullable String created) {
    return new WriteState(true, null, new LeaseState(null, 0, false), null, created, null);
  }

  static WriteState read(ResultSet row) throws SQLException {
    boolean written = row.getLong(1) > 0;
    long version = row.getLong(2);
    Long stored = row.wasNull() ? null : version;
    LeaseState lease = LeaseState.read(row, 3);
    long transaction = row.getLong(6);
    Long inTransaction = row.wasNull() ? null : transaction;
    String created = row.getString(7);
    long incarnation = row.getLong(8);
    Long made = row.wasNull() ? null : incarnation;
    return new WriteState(written, stored, lease, inTransaction, created, made);
  }
}
