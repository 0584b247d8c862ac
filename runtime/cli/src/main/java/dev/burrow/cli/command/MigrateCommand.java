package dev.burrow.cli.command;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.ImportSummary;
import dev.burrow.MisuseException;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.ImportReport;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.LeftOut;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.output.Secrets;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.text.Credentials;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code burrow migrate --to jdbc:postgresql://…}: copies the data root into PostgreSQL. */
@Command(
    name = "migrate",
    description = {
      "Copies every instance into PostgreSQL, with its ID, version and timestamps.",
      "Idempotent like import: run it again (after stopping the writers) to pick up what changed"
          + " meanwhile. Nothing is deleted from the data root. The instance directories' files go"
          + " to --local-root, where stores on PostgreSQL keep them on this host. A damaged"
          + " instance cannot be read, so it is left behind, and one PostgreSQL holds damaged is"
          + " not written over: each is named with why (the first 1000, then how many more), and the"
          + " command then exits 1."
    })
public final class MigrateCommand extends RootCommand {
  /** A URL's scheme, and a JDBC URL's subprotocol with it: nothing else of the URL. */
  private static final Pattern SCHEME =
      Pattern.compile(
          "[A-Za-z][A-Za-z0-9+.-]*(?::[A-Za-z][A-Za-z0-9+.-]*)?(?=://)|[A-Za-z][A-Za-z0-9+.-]*(?=:)");

  @Option(
      names = "--to",
      required = true,
      paramLabel = "JDBC-URL",
      description =
          "The database, as jdbc:postgresql://HOST:PORT/DATABASE?user=USER; the password from"
              + " --password-file or $PGPASSWORD, kept off the command line.")
  String url = "";

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "A file whose first line is the database password (default: $PGPASSWORD, if set and"
              + " --to has no password).")
  @Nullable Path passwordFile;

  @Option(
      names = "--table-prefix",
      paramLabel = "PREFIX",
      defaultValue = "burrow_",
      description = "The prefix of Burrow's tables (default: ${DEFAULT-VALUE}).")
  String tablePrefix = "burrow_";

  @Option(
      names = "--local-root",
      paramLabel = "DIR",
      description =
          "The data root of the stores on PostgreSQL on this host, for instance directories"
              + " (default: a directory beside --root named after it with -postgres).")
  @Nullable Path localRoot;

  @Override
  public Integer call() throws IOException {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--to takes a jdbc:postgresql://HOST:PORT/DATABASE URL, not one with "
              + scheme(url)
              + " (the URL is not repeated here: it may hold a password)");
    }
    Credentials.in(url).forEach(Secrets::add);
    String password = DatabasePassword.of(url, passwordFile, System.getenv());
    if (password != null) {
      Secrets.add(password);
    }
    PostgresOptions postgres;
    try {
      postgres = PostgresOptions.defaults().withTablePrefix(tablePrefix);
    } catch (IllegalArgumentException refused) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--table-prefix '" + tablePrefix + "' is refused: " + refused.getMessage());
    }
    Duration timeout = lockTimeout();
    ImportSummary summary;
    Path hostRoot;
    LeftOut leftOut = new LeftOut();
    try (DataRoot data = open()) {
      hostRoot = localRoot(data.path());
      SeparateRoots.require(data.path(), hostRoot);
      try (HikariDataSource pool = pool(url, password);
          Progress progress =
              Progress.start(
                  err(), "migrated instances", Progress.Unit.COUNT, data::countEntries, !json);
          StoreEngine<RawDocument> target = target(data, pool, postgres, hostRoot, timeout)) {
        summary =
            data.transfers()
                .copyTo(
                    target,
                    () -> progress.advance(1),
                    problem -> {
                      leftOut.accept(problem);
                      progress.advance(1);
                    });
      }
    }
    if (json) {
      out()
          .println(
              Json.compact(
                  leftOut
                      .addTo(ImportReport.json(summary), summary.damaged())
                      .put("localRoot", hostRoot.toString())));
    } else {
      leftOut.print(out());
      out()
          .println(
              "migrated "
                  + ImportReport.counts(summary)
                  + "; "
                  + Counts.of(summary.files(), "file")
                  + " of instance directories copied to "
                  + hostRoot
                  + Counts.skippedEntries(summary.skipped())
                  + leftOut.clause("left behind", summary.damaged()));
    }
    return leftOut.any(summary.damaged()) ? ExitCodes.DAMAGED : ExitCodes.OK;
  }

  /**
   * The store on PostgreSQL the root is copied into.
   *
   * @throws IllegalArgumentException (exit 2) if the tables record the root's kind with another
   *     shape, each difference named: the store refuses to open, before it writes anything but the
   *     tables' upgrade to this Burrow's version
   */
  private static StoreEngine<RawDocument> target(
      DataRoot data,
      HikariDataSource pool,
      PostgresOptions postgres,
      Path hostRoot,
      Duration timeout) {
    try {
      return StoreEngine.open(
          new RawSchema(data.kind()),
          PostgresBackend.of(pool, postgres),
          DataRoot.options(hostRoot, timeout));
    } catch (MisuseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The scheme {@code url} begins with ({@code 'jdbc:mysql'}, {@code 'postgresql'}), quoted. */
  private static String scheme(String url) {
    Matcher scheme = SCHEME.matcher(url);
    return scheme.lookingAt() ? "scheme '" + scheme.group() + "'" : "no scheme";
  }

  private Path localRoot(Path source) {
    Path chosen = localRoot;
    if (chosen != null) {
      return chosen.toAbsolutePath().normalize();
    }
    Path name = source.getFileName();
    return source.resolveSibling((name == null ? "root" : name.toString()) + "-postgres");
  }

  private static HikariDataSource pool(String url, @Nullable String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    config.setPoolName("burrow-migrate");
    return new HikariDataSource(config);
  }
}
