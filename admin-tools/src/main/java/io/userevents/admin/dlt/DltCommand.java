package io.userevents.admin.dlt;

import picocli.CommandLine.Command;

/** {@code kafka-admin dlt}. */
@Command(
    name = "dlt",
    mixinStandardHelpOptions = true,
    description = "Dead-letter topic tools.",
    subcommands = {ReplayCommand.class})
public final class DltCommand {}
