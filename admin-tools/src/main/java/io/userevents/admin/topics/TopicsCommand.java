package io.userevents.admin.topics;

import io.userevents.admin.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kafka-admin topics}: topics as code. */
@Command(
    name = "topics",
    description = "Plan, apply and describe topics declared in topics.yaml.",
    subcommands = {PlanCommand.class, ApplyCommand.class, DescribeCommand.class})
public final class TopicsCommand {

  @Mixin HelpOption help;
}
