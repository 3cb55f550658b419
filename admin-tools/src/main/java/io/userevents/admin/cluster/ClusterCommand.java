package io.userevents.admin.cluster;

import picocli.CommandLine.Command;

/** {@code kafka-admin cluster}. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "Cluster-wide checks.",
    subcommands = {HealthCommand.class})
public final class ClusterCommand {}
