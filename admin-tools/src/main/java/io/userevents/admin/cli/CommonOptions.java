package io.userevents.admin.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every command shares: where the cluster is, how to authenticate, timeout, output. */
public final class CommonOptions {

  public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  @Mixin HelpOption help = new HelpOption();

  @Option(
      names = {"-b", "--bootstrap-server"},
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      description =
          "Brokers to connect to. Default: bootstrap.servers from --command-config, else $"
              + BOOTSTRAP_ENV
              + ".")
  @Nullable String bootstrapServer;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description = "Client properties file (security.protocol, sasl.*, ssl.*, ...).")
  @Nullable Path commandConfig;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long to wait for the cluster (e.g. 10s, 2m). Default: ${DEFAULT-VALUE}.")
  Duration timeout = Duration.ofSeconds(30);

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  OutputFormat output = OutputFormat.TABLE;

  public Duration timeout() {
    return timeout;
  }

  public OutputFormat output() {
    return output;
  }

  /** Rejects an output format the command does not offer, as a usage error. */
  public void requireOutput(OutputFormat... supported) {
    Set<OutputFormat> allowed = Set.of(supported);
    if (!allowed.contains(output)) {
      throw usage(
          "-o "
              + output.name().toLowerCase()
              + " is not available here; use one of: "
              + Arrays.stream(supported)
                  .map(f -> f.name().toLowerCase())
                  .collect(Collectors.joining(", ")));
    }
  }

  /** A usage error of the command this mixin belongs to (exit 2, or UNKNOWN for checks). */
  public ParameterException usage(String message) {
    if (mixee == null) {
      throw new IllegalStateException("options used outside a command line");
    }
    return new ParameterException(mixee.commandLine(), message);
  }

  /** Client properties: the command-config file, then the bootstrap servers, then timeouts. */
  public ClientSettings clientSettings(CliContext context) {
    Properties properties = new Properties();
    if (commandConfig != null) {
      try (Reader reader = Files.newBufferedReader(commandConfig)) {
        properties.load(reader);
      } catch (IOException e) {
        throw usage("cannot read --command-config " + commandConfig + ": " + e.getMessage());
      }
    }
    String bootstrap = bootstrapServer;
    if (bootstrap == null || bootstrap.isBlank()) {
      bootstrap = properties.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }
    if (bootstrap == null || bootstrap.isBlank()) {
      bootstrap = context.env().get(BOOTSTRAP_ENV);
    }
    if (bootstrap == null || bootstrap.isBlank()) {
      throw usage(
          "no brokers to connect to: pass --bootstrap-server HOST:PORT or set " + BOOTSTRAP_ENV);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw usage("--timeout must be positive");
    }
    properties.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new ClientSettings(properties, timeout);
  }
}
