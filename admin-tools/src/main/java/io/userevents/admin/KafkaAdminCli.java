package io.userevents.admin;

import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.ErrorHandler;
import io.userevents.admin.cluster.ClusterCommand;
import io.userevents.admin.dlt.DltCommand;
import io.userevents.admin.lag.LagCommand;
import io.userevents.admin.topics.TopicsCommand;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code kafka-admin} command line. */
@Command(
    name = "kafka-admin",
    mixinStandardHelpOptions = true,
    versionProvider = KafkaAdminCli.Version.class,
    description = "Topics as code, lag checks, cluster health and dead-letter replay.",
    subcommands = {
      TopicsCommand.class,
      LagCommand.class,
      ClusterCommand.class,
      DltCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 error, 2 usage error (or changes pending for topics plan",
      "--detailed-exitcode); lag and cluster health: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."
    })
public final class KafkaAdminCli implements CliContext.Provider, Runnable {

  private static final String LOG_LEVEL_ENV = "KAFKA_ADMIN_LOG_LEVEL";

  private final CliContext context;

  @Spec @Nullable CommandSpec spec;

  KafkaAdminCli(CliContext context) {
    this.context = context;
  }

  @Override
  public CliContext context() {
    return context;
  }

  @Override
  public void run() {
    if (spec == null) {
      throw new IllegalStateException("not run from a command line");
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: topics, lag, cluster or dlt");
  }

  /** A ready-to-execute command line; tests capture its out and err with setOut/setErr. */
  public static CommandLine commandLine(CliContext context) {
    ErrorHandler errors = new ErrorHandler();
    return new CommandLine(new KafkaAdminCli(context))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
  }

  public static void main(String[] args) {
    String level = System.getenv().getOrDefault(LOG_LEVEL_ENV, "error");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.exit(commandLine(CliContext.system()).execute(args));
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KafkaAdminCli.class.getPackage().getImplementationVersion();
      return new String[] {"kafka-admin " + (version == null ? "(development build)" : version)};
    }
  }
}
