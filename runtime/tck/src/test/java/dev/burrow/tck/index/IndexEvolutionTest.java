package dev.burrow.tck.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.tck.index.Places.Place;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Schema evolution on every backend: a component that becomes {@code @Indexed} (also a new one,
 * which old documents lack) is found in documents written before; a changed default is found in
 * them too; an index no release declares any more is removed.
 */
@ExtendWith(PostgresExtension.class)
class IndexEvolutionTest {
  @TempDir Path root;

  @ParameterizedTest
  @EnumSource(Places.class)
  void indexesFollowTheSchemaAcrossReleases(Places places, LocalPostgres server)
      throws IOException, SQLException {
    Place place = places.fresh(root, server);
    String a;
    String b;
    try (Evolving_V1Store v1 = place.open(Evolving_V1Store::open, Evolving_V1Store::open)) {
      a = v1.create(c -> c.owner("ada")).id();
      b = v1.create(c -> c.owner("bob")).id();
    }
    assertEquals(0, indexes(places, server));

    String c;
    try (Evolving_V2Store v2 = place.open(Evolving_V2Store::open, Evolving_V2Store::open)) {
      assertEquals(2, indexes(places, server));
      assertEquals(Set.of(a), ids(v2.streamByOwner("ada").map(Evolving.V2::id)));
      assertEquals(Set.of(a, b), ids(v2.streamByStage("NEW").map(Evolving.V2::id)));
      c = v2.create(x -> x.owner("cy").stage("DONE")).id();
      assertEquals(Set.of(c), ids(v2.streamByStage("DONE").map(Evolving.V2::id)));
    }

    try (Evolving_V3Store v3 = place.open(Evolving_V3Store::open, Evolving_V3Store::open)) {
      assertEquals(Set.of(a, b), ids(v3.streamByStage("OLD").map(Evolving.V3::id)));
      assertEquals(0, v3.countByStage("NEW"));
      assertEquals(Set.of(c), ids(v3.streamByStage("DONE").map(Evolving.V3::id)));
      assertEquals(Set.of(b), ids(v3.streamByOwner("bob").map(Evolving.V3::id)));
    }

    try (Evolving_V1Store v1 = place.open(Evolving_V1Store::open, Evolving_V1Store::open)) {
      assertEquals(0, indexes(places, server));
      v1.update(a, x -> x.owner("bob"));
    }

    try (Evolving_V2Store v2 = place.open(Evolving_V2Store::open, Evolving_V2Store::open)) {
      assertEquals(Set.of(a, b), ids(v2.streamByOwner("bob").map(Evolving.V2::id)));
      assertEquals(0, v2.countByOwner("ada"));
    }
  }

  /**
   * Two releases write one root at once (a rolling upgrade): the older schema indexes nothing, the
   * newer indexes {@code owner} and {@code stage}. Every document the older store writes after the
   * newer one made its indexes is found by the newer one's finders, also after a query rebuilt the
   * index and the older store wrote again, and after the older release opened the root anew.
   */
  @ParameterizedTest
  @EnumSource(Places.class)
  void aStoreThatDoesNotIndexAComponentKeepsTheFindersOfOneThatDoesWhole(
      Places places, LocalPostgres server) {
    Place place = places.fresh(root, server);
    try (Evolving_V1Store older = place.open(Evolving_V1Store::open, Evolving_V1Store::open)) {
      String a = older.create(c -> c.owner("ada")).id();
      try (Evolving_V2Store newer = place.open(Evolving_V2Store::open, Evolving_V2Store::open)) {
        assertEquals(Set.of(a), ids(newer.streamByOwner("ada").map(Evolving.V2::id)));

        older.update(a, c -> c.owner("bob"));
        String b = older.create(c -> c.owner("bob")).id();
        assertEquals(Set.of(a, b), ids(newer.streamByOwner("bob").map(Evolving.V2::id)));
        assertEquals(0, newer.countByOwner("ada"));
        assertEquals(Set.of(a, b), ids(newer.streamByStage("NEW").map(Evolving.V2::id)));

        older.update(b, c -> c.owner("cy"));
        assertEquals(Set.of(b), ids(newer.streamByOwner("cy").map(Evolving.V2::id)));
        assertEquals(Set.of(a), ids(newer.streamByOwner("bob").map(Evolving.V2::id)));

        try (Evolving_V1Store reopened =
            place.open(Evolving_V1Store::open, Evolving_V1Store::open)) {
          reopened.update(a, c -> c.owner("dee"));
        }
        assertEquals(Set.of(a), ids(newer.streamByOwner("dee").map(Evolving.V2::id)));
        assertEquals(Set.of(a, b), ids(newer.streamByStage("NEW").map(Evolving.V2::id)));
      }
    }
  }

  /**
   * A component becomes {@code @Indexed} over stored values PostgreSQL cannot compress (random
   * base64 of about 10 KB) and values sharing a long prefix: the store opens, and finds each.
   */
  @ParameterizedTest
  @EnumSource(Places.class)
  void anIndexAddedOverLongValuesFindsEachOfThem(Places places, LocalPostgres server) {
    Place place = places.fresh(root, server);
    byte[] bytes = new byte[10_000];
    new Random(15).nextBytes(bytes);
    String random = Base64.getEncoder().encodeToString(bytes);
    List<String> owners = List.of(random, random + "a", random + "b", random.substring(0, 9_000));
    List<String> ids = new ArrayList<>();
    try (Evolving_V1Store v1 = place.open(Evolving_V1Store::open, Evolving_V1Store::open)) {
      for (String owner : owners) {
        ids.add(v1.create(c -> c.owner(owner)).id());
      }
    }
    try (Evolving_V2Store v2 = place.open(Evolving_V2Store::open, Evolving_V2Store::open)) {
      for (int i = 0; i < owners.size(); i++) {
        assertEquals(Set.of(ids.get(i)), ids(v2.streamByOwner(owners.get(i)).map(Evolving.V2::id)));
      }
      assertEquals(0, v2.countByOwner(random.substring(0, 9_001)));
    }
  }

  private static Set<String> ids(Stream<String> ids) {
    return ids.collect(Collectors.toSet());
  }

  /** The indexes the backend keeps for the kind: index directories, or expression indexes. */
  private long indexes(Places places, LocalPostgres server) throws IOException, SQLException {
    if (places == Places.FILES) {
      Path indexes = root.resolve(".burrow/indexes");
      try (Stream<Path> entries = Files.list(indexes)) {
        return entries.count();
      }
    }
    try (Connection connection = server.sharedPool().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_indexes WHERE indexdef LIKE ? AND indexdef LIKE ?")) {
      query.setString(1, "%index_key(document%");
      query.setString(2, "%'evolving'%");
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
