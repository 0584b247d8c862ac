package dev.burrow.tck.index;

import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;

/**
 * Three versions of one kind, as a program's schema evolves: each is the kind at one release. The
 * tests open each on one explicit place; each version has its own default root, as two types of one
 * compilation must.
 */
final class Evolving {
  private Evolving() {}

  /** Release 1: nothing indexed, no {@code stage}. */
  @Instance(name = "evolving", defaultDataRoot = "~/.burrow/evolving-v1")
  record V1(@InstanceId String id, @Version long version, String owner) {}

  /** Release 2: {@code owner} indexed, and an indexed {@code stage} that old documents lack. */
  @Instance(name = "evolving", defaultDataRoot = "~/.burrow/evolving-v2")
  record V2(
      @InstanceId String id,
      @Version long version,
      @Indexed String owner,
      @Indexed @Default("NEW") String stage) {}

  /** Release 3: {@code stage}'s default changed, so old documents read as the new one. */
  @Instance(name = "evolving", defaultDataRoot = "~/.burrow/evolving-v3")
  record V3(
      @InstanceId String id,
      @Version long version,
      @Indexed String owner,
      @Indexed @Default("OLD") String stage) {}
}
