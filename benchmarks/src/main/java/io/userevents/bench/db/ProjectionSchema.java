package io.userevents.bench.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * consumer-service's projection schema, read from the Flyway migrations inside its jar, so that the
 * baseline of row 4 writes into a fresh database exactly like the one the service makes for itself.
 */
public final class ProjectionSchema {

  private static final Pattern MIGRATION =
      Pattern.compile("BOOT-INF/classes/db/migration/(?:([a-z0-9]+)/)?V(\\d+)__[^/]*\\.sql");

  private ProjectionSchema() {}

  /** Runs the service's migrations (common and of this database's vendor) in version order. */
  public static void apply(BenchDatabase database, Path consumerJar) throws Exception {
    String vendor = database.kind() == BenchDatabase.Kind.POSTGRESQL ? "postgresql" : "h2";
    List<String> statements = new ArrayList<>();
    for (String script : scripts(consumerJar, vendor)) {
      for (String statement : withoutComments(script).split(";")) {
        if (!statement.isBlank()) {
          statements.add(statement.trim());
        }
      }
    }
    if (statements.isEmpty()) {
      throw new IllegalStateException("no migrations in " + consumerJar);
    }
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static List<String> scripts(Path jar, String vendor) throws IOException {
    record Script(int version, String text) {}
    List<Script> scripts = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        Matcher m = MIGRATION.matcher(entry.getName());
        if (m.matches() && (m.group(1) == null || m.group(1).equals(vendor))) {
          try (var in = zip.getInputStream(entry)) {
            scripts.add(
                new Script(
                    Integer.parseInt(m.group(2)),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return scripts.stream()
        .sorted(Comparator.comparingInt(Script::version))
        .map(Script::text)
        .toList();
  }

  private static String withoutComments(String script) {
    StringBuilder out = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
