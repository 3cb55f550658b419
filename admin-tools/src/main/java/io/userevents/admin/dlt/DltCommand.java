package io.userevents.admin.dlt;

import io.userevents.admin.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kafka-admin dlt}. */
@Command(
    name = "dlt",
    description = "Dead-letter topic tools.",
    subcommands = {ReplayCommand.class})
public final class DltCommand {

  @Mixin HelpOption help;
}
