package io.userevents.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kafka-admin} command line. */
@Command(
    name = "kafka-admin",
    mixinStandardHelpOptions = true,
    description = "Topics as code, lag checks, cluster health and dead-letter replay.")
public final class KafkaAdminCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new KafkaAdminCli()).execute(args));
  }
}
