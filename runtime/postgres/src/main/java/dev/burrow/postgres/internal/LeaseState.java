package dev.burrow.postgres.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** An instance's lease row as one statement saw it: no row reads as holder null, epoch 0. */
record LeaseState(@Nullable String holder, long epoch, boolean live) {

  /** Reads the holder, epoch and liveness from columns {@code first} to {@code first + 2}. */
  static LeaseState read(ResultSet row, int first) throws SQLException {
    return new LeaseState(row.getString(first), row.getLong(first + 1), row.getBoolean(first + 2));
  }

  /** Someone holds it now. */
  boolean held() {
    return holder != null && live;
  }

  boolean heldBy(Fence fence) {
    return live && fence.holder().equals(holder) && fence.epoch() == epoch;
  }

  String describe() {
    if (holder == null) {
      return epoch == 0 ? "the lease row is gone" : "the lease was released";
    }
    return live
        ? "it is now held by another holder with epoch " + epoch
        : "it expired (epoch " + epoch + ") before it was renewed";
  }
}
