package io.userevents.admin.cluster;

import io.userevents.admin.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kafka-admin cluster}. */
@Command(
    name = "cluster",
    description = "Cluster-wide checks.",
    subcommands = {HealthCommand.class})
public final class ClusterCommand {

  @Mixin HelpOption help;
}
