package io.userevents.localstack;

import io.userevents.localstack.TopicInitializer.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipeline: the broker in this JVM, producer-service and consumer-service as child JVMs
 * started from their built jars. {@link #close()} stops the services first (so they flush and
 * commit), then the broker.
 */
final class PipelineStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PipelineStack.class);

  static final List<TopicSpec> TOPICS =
      List.of(new TopicSpec("user-events", 3), new TopicSpec("user-events-dlt", 3));

  /** consumer-service's group (a shared decision of the project). */
  static final String CONSUMER_GROUP = "user-service-group";

  private final LocalStackSettings settings;
  private final LocalKafkaBroker broker;
  private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
  private volatile List<ServiceSpec> specs = List.of();
  private volatile boolean closed;
  private List<String> producerArgs = List.of();
  private List<String> consumerArgs = List.of();

  PipelineStack(LocalStackSettings settings) {
    this.settings = settings;
    this.broker = new LocalKafkaBroker(settings.broker());
  }

  /** Starts and returns a stack, once both services report readiness. */
  static PipelineStack start(LocalStackSettings settings) throws IOException, InterruptedException {
    return start(settings, List.of(), List.of());
  }

  /**
   * As {@link #start(LocalStackSettings)}, with more {@code --property=value} arguments for each
   * service (tests use them, e.g. to export spans to a local sink).
   */
  static PipelineStack start(
      LocalStackSettings settings, List<String> producerArgs, List<String> consumerArgs)
      throws IOException, InterruptedException {
    PipelineStack stack = new PipelineStack(settings);
    stack.producerArgs = List.copyOf(producerArgs);
    stack.consumerArgs = List.copyOf(consumerArgs);
    return stack.run();
  }

  /**
   * Starts the broker, the topics and both services; returns once both report readiness. On any
   * failure (or a {@link #close()} from another thread, e.g. Ctrl-C) whatever started is stopped.
   */
  PipelineStack run() throws IOException, InterruptedException {
    ServiceSpec producer = producerSpec(settings, producerArgs);
    ServiceSpec consumer = consumerSpec(settings, consumerArgs);
    try {
      if (settings.fresh()) {
        FileTree.delete(settings.dataDir()); // topics, the consumer's database, old logs
      }
      broker.start();
      Set<String> created = TopicInitializer.createMissing(broker.bootstrapServers(), TOPICS);
      log.info("Topics {} ready ({} created now)", topicNames(), created.size());
      specs = List.of(producer, consumer);
      for (ServiceSpec spec : specs) {
        ensureOpen();
        services.add(spec.start(settings.logDir()));
      }
      for (ServiceProcess service : services) {
        service.awaitReady(settings.readyTimeout());
        log.info("{} is ready", service.name());
      }
      ConsumerGroupProbe.awaitAssigned(
          broker.bootstrapServers(), CONSUMER_GROUP, "user-events", 3, settings.readyTimeout());
      log.info("{} owns every partition of user-events", CONSUMER_GROUP);
      ensureOpen();
      return this;
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("stopped while starting");
    }
  }

  LocalStackSettings settings() {
    return settings;
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  List<ServiceProcess> services() {
    return List.copyOf(services);
  }

  /** Whether the service started {@code index}th serves an OpenAPI document (and Swagger UI). */
  boolean servesOpenApi(int index) throws InterruptedException {
    return services.get(index).answersOk(specs.get(index).openApiDocs());
  }

  /** The first service that is no longer running, or null while all are. */
  ServiceProcess firstDeadService() {
    return services.stream().filter(service -> !service.isAlive()).findFirst().orElse(null);
  }

  @Override
  public synchronized void close() {
    closed = true;
    // Both at once: each shuts down gracefully (in-flight requests, producer flush, offsets).
    services.forEach(ServiceProcess::requestStop);
    services.forEach(ServiceProcess::close);
    services.clear();
    broker.close();
  }

  static ServiceSpec producerSpec(LocalStackSettings settings) {
    return producerSpec(settings, List.of());
  }

  static ServiceSpec producerSpec(LocalStackSettings settings, List<String> extraArgs) {
    return producerSpec(
        settings.repoDir(),
        settings.dataDir().resolve("producer-service"),
        settings.producerPort(),
        settings.producerManagementPort(),
        "localhost:" + settings.kafkaPort(),
        extraArgs);
  }

  static ServiceSpec consumerSpec(LocalStackSettings settings) {
    return consumerSpec(settings, List.of());
  }

  static ServiceSpec consumerSpec(LocalStackSettings settings, List<String> extraArgs) {
    return consumerSpec(
        settings.repoDir(),
        settings.dataDir().resolve("consumer-service"),
        settings.consumerPort(),
        settings.consumerManagementPort(),
        "localhost:" + settings.kafkaPort(),
        extraArgs);
  }

  /**
   * producer-service against {@code bootstrapServers}; {@code extraArgs} are more {@code
   * --property=value} arguments. The working directory holds anything the service writes to
   * relative paths.
   */
  static ServiceSpec producerSpec(
      Path repoDir,
      Path workingDir,
      int port,
      int managementPort,
      String bootstrapServers,
      List<String> extraArgs) {
    return new ServiceSpec(
        "producer-service",
        serviceJar(repoDir, "producer-service"),
        workingDir,
        port,
        managementPort,
        jvmArgs(),
        args(port, managementPort, bootstrapServers, extraArgs));
  }

  /**
   * consumer-service against {@code bootstrapServers}. Without a {@code --spring.datasource.url} in
   * {@code extraArgs} it uses its embedded H2 database, kept under {@code workingDir}.
   */
  static ServiceSpec consumerSpec(
      Path repoDir,
      Path workingDir,
      int port,
      int managementPort,
      String bootstrapServers,
      List<String> extraArgs) {
    return new ServiceSpec(
        "consumer-service",
        serviceJar(repoDir, "consumer-service"),
        workingDir,
        port,
        managementPort,
        jvmArgs(),
        args(port, managementPort, bootstrapServers, extraArgs));
  }

  private static List<String> args(
      int port, int managementPort, String bootstrapServers, List<String> extraArgs) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    args.add("--management.server.port=" + managementPort);
    args.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    // The topics are created above (TopicInitializer); this covers a broker that lost them.
    args.add("--userevents.topics.create=true");
    // A developer's machine: no identity provider, so the APIs run open, and the banner says so.
    args.add("--userevents.security.mode=open");
    args.addAll(extraArgs);
    return args;
  }

  /** Small heaps: two services and a broker share a laptop (or a 2-core CI box). */
  private static List<String> jvmArgs() {
    return List.of("-Xmx512m", "-XX:+UseSerialGC");
  }

  private static List<String> topicNames() {
    return TOPICS.stream().map(TopicSpec::name).toList();
  }

  /**
   * The repackaged Spring Boot jar of {@code module}: {@code
   * <module>/target/<module>-<version>.jar}.
   *
   * @throws IllegalStateException with the build command to run when it is missing
   */
  static Path serviceJar(Path repoDir, String module) {
    Path target = repoDir.resolve(module).resolve("target");
    if (Files.isDirectory(target)) {
      try (Stream<Path> files = Files.list(target)) {
        List<Path> jars =
            files
                .filter(file -> isServiceJar(file.getFileName().toString(), module))
                .sorted(Comparator.comparing(Path::toString))
                .toList();
        if (!jars.isEmpty()) {
          return jars.get(jars.size() - 1);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException(
        "No built jar of "
            + module
            + " in "
            + target
            + ". Build it first: ./mvnw -DskipTests package (./run-local does both).");
  }

  private static boolean isServiceJar(String fileName, String module) {
    return fileName.startsWith(module + "-")
        && fileName.endsWith(".jar")
        && !fileName.endsWith("-sources.jar")
        && !fileName.endsWith("-javadoc.jar")
        && !fileName.endsWith("-tests.jar");
  }
}
