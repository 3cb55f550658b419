package io.userevents.admin.topics;

import picocli.CommandLine.Command;

/** {@code kafka-admin topics}: topics as code. */
@Command(
    name = "topics",
    description = "Plan, apply and describe topics declared in topics.yaml.",
    mixinStandardHelpOptions = true,
    subcommands = {PlanCommand.class, ApplyCommand.class, DescribeCommand.class})
public final class TopicsCommand {}
