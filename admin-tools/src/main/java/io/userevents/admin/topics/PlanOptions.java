package io.userevents.admin.topics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options shared by {@code topics plan} and {@code topics apply}. */
public final class PlanOptions {

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      defaultValue = "topics.yaml",
      description = "Desired state. Default: ${DEFAULT-VALUE}.")
  Path file = Path.of("topics.yaml");

  @Option(
      names = "--replication-factor-override",
      paramLabel = "N",
      description =
          "Use replication factor N for every topic (e.g. 1 on a single-broker dev cluster);"
              + " min.insync.replicas above N is lowered to N.")
  @Nullable Integer replicationFactorOverride;

  @Option(
      names = "--allow-delete",
      description =
          "Plan deletion of existing topics the file does not list (never __*), and of ACLs"
              + " of the file's principals that the file does not list.")
  boolean allowDelete;

  @Option(
      names = "--managed-prefix",
      paramLabel = "PREFIX",
      description =
          "With --allow-delete: only topics starting with PREFIX may be deleted (repeatable).")
  List<String> managedPrefixes = new ArrayList<>();

  @Option(
      names = "--skip-acls",
      description =
          "Ignore the file's acls: section (e.g. on a dev cluster without an authorizer).")
  boolean skipAcls;
}
