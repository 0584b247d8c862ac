package dev.burrow.test.internal.postgres;

/** PostgreSQL JDBC URLs ({@code jdbc:postgresql://host:port/database?properties}). */
final class JdbcUrls {
  private static final String SCHEME = "jdbc:postgresql:";

  private JdbcUrls() {}

  /**
   * {@code url} with its database replaced by {@code database}, keeping its hosts, ports and
   * properties (user, password, SSL settings).
   *
   * @throws IllegalArgumentException if {@code url} is not a PostgreSQL JDBC URL
   */
  static String withDatabase(String url, String database) {
    if (!url.startsWith(SCHEME)) {
      throw new IllegalArgumentException(
          "not a PostgreSQL JDBC URL (" + SCHEME + "//host:port/database): " + url);
    }
    int query = url.indexOf('?');
    String target = query < 0 ? url : url.substring(0, query);
    String properties = query < 0 ? "" : url.substring(query);
    String location = target.substring(SCHEME.length());
    if (!location.startsWith("//")) {
      return SCHEME + database + properties;
    }
    int slash = location.indexOf('/', 2);
    String hosts = slash < 0 ? location : location.substring(0, slash);
    return SCHEME + hosts + "/" + database + properties;
  }
}
