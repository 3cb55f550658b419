package io.userevents.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the launcher can be told, as {@code --name=value} arguments. Defaults are the
 * documented ports of the pipeline, so the printed URLs match the README.
 */
record LocalStackSettings(
    Path repoDir,
    Path dataDir,
    int kafkaPort,
    int controllerPort,
    int producerPort,
    int producerManagementPort,
    int consumerPort,
    int consumerManagementPort,
    boolean fresh,
    Duration readyTimeout) {

  static final String USAGE =
      """
      Usage: ./run-local [--name=value ...]   (or java -jar local-stack/target/local-stack.jar)
        --kafka-port=9092                 broker listener (PLAINTEXT, localhost)
        --controller-port=9093            KRaft controller listener
        --producer-port=8090              producer-service HTTP port
        --producer-management-port=8190   producer-service actuator port
        --consumer-port=8091              consumer-service HTTP port
        --consumer-management-port=8191   consumer-service actuator port
        --data-dir=local-stack/target/local-stack-data
                                          Kafka log dirs, the consumer's H2 database, service logs
        --fresh                           wipe the data dir first (empty topics and database)
        --ready-timeout=180s              how long to wait for the services' readiness
        --repo-dir=.                      repository root holding the built service jars
        --help                            this text
      """;

  private static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("kafka-port", "9092");
    defaults.put("controller-port", "9093");
    defaults.put("producer-port", "8090");
    defaults.put("producer-management-port", "8190");
    defaults.put("consumer-port", "8091");
    defaults.put("consumer-management-port", "8191");
    defaults.put("data-dir", "");
    defaults.put("fresh", "false");
    defaults.put("ready-timeout", "180s");
    defaults.put("repo-dir", "");
    return Map.copyOf(defaults);
  }

  /**
   * Parses {@code --name=value} arguments ({@code --fresh} alone means true).
   *
   * @throws IllegalArgumentException for an unknown option or a malformed value
   */
  static LocalStackSettings parse(List<String> args, Path workingDir) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
      }
      String option = arg.substring(2);
      int eq = option.indexOf('=');
      String name = eq < 0 ? option : option.substring(0, eq);
      String value = eq < 0 ? "true" : option.substring(eq + 1);
      if (!DEFAULTS.containsKey(name)) {
        throw new IllegalArgumentException("Unknown option --" + name);
      }
      values.put(name, value);
    }
    Path repoDir =
        values.get("repo-dir").isEmpty()
            ? findRepoDir(workingDir)
            : workingDir.resolve(values.get("repo-dir")).normalize();
    Path dataDir =
        values.get("data-dir").isEmpty()
            ? repoDir.resolve("local-stack/target/local-stack-data")
            : workingDir.resolve(values.get("data-dir")).normalize();
    return new LocalStackSettings(
        repoDir.toAbsolutePath(),
        dataDir.toAbsolutePath(),
        port(values, "kafka-port"),
        port(values, "controller-port"),
        port(values, "producer-port"),
        port(values, "producer-management-port"),
        port(values, "consumer-port"),
        port(values, "consumer-management-port"),
        Boolean.parseBoolean(values.get("fresh")),
        duration(values.get("ready-timeout")));
  }

  LocalKafkaBroker.BrokerSettings broker() {
    return new LocalKafkaBroker.BrokerSettings(
        kafkaPort, controllerPort, dataDir.resolve("kafka"), fresh);
  }

  Path logDir() {
    return dataDir.resolve("logs");
  }

  /** The working directory, or the parent when started from inside {@code local-stack/}. */
  private static Path findRepoDir(Path workingDir) {
    Path dir = workingDir.toAbsolutePath().normalize();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isDirectory(candidate.resolve("producer-service"))
          && Files.isDirectory(candidate.resolve("consumer-service"))) {
        return candidate;
      }
    }
    return dir;
  }

  private static int port(Map<String, String> values, String name) {
    try {
      int port = Integer.parseInt(values.get(name));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a port number, not '" + values.get(name) + "'");
    }
  }

  private static Duration duration(String value) {
    try {
      return Duration.ofSeconds(
          Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--ready-timeout must be seconds like 180s, not '" + value + "'");
    }
  }
}
