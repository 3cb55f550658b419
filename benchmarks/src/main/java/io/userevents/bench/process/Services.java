package io.userevents.bench.process;

import io.userevents.bench.Progress;
import io.userevents.bench.course.consumer.CourseConsumerApp;
import io.userevents.bench.course.producer.CourseProducerApp;
import io.userevents.bench.db.BenchDatabase;
import io.userevents.bench.web.BaselineWebApp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Starts the processes of a run: producer-service and consumer-service (from their own jars,
 * extracted and with a class-data-sharing archive, see {@link ServiceImage}), row 2's baseline app
 * and the course's producer and consumer (rows 2c and 5c). Every process gets the same JVM options.
 */
public final class Services {

  /** How long a service may take to become ready on a busy 2-core machine. */
  public static final Duration START_TIMEOUT = Duration.ofMinutes(6);

  /** The JVM options {@code ./run-local} (local-stack's PipelineStack) gives each service. */
  public static final List<String> RUN_LOCAL_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

  static final String PRODUCER = "producer-service";
  static final String CONSUMER = "consumer-service";
  private static final String TRAINING_TOPIC = "bench-cds-training";

  private final ServiceJars jars;
  private final Path imageCache;
  private final List<String> producerArgs;
  private final List<String> consumerArgs;
  private final String bootstrapServers;
  private final Path workDir;
  private final ProcessLauncher launcher;
  private final Map<String, ServiceImage> images = new ConcurrentHashMap<>();
  private final Map<String, Object> imageLocks = new ConcurrentHashMap<>();

  /** Modules whose archive was recorded (or tried) in this run: a failed try is not repeated. */
  private final Set<String> trainingTried = ConcurrentHashMap.newKeySet();

  /**
   * @param imageCache where extracted jars and CDS archives are kept between runs
   * @param producerArgs extra arguments of every producer-service process
   * @param consumerArgs extra arguments of every consumer-service process
   * @param workDir scratch space of the run (logs, training databases)
   * @param jfrDir where each process writes a JFR recording, or null for none
   */
  public Services(
      ServiceJars jars,
      Path imageCache,
      List<String> jvmOptions,
      List<String> producerArgs,
      List<String> consumerArgs,
      String bootstrapServers,
      Path workDir,
      @Nullable Path jfrDir) {
    this.jars = jars;
    this.imageCache = imageCache;
    this.producerArgs = List.copyOf(producerArgs);
    this.consumerArgs = List.copyOf(consumerArgs);
    this.bootstrapServers = bootstrapServers;
    this.workDir = workDir;
    this.launcher = new ProcessLauncher(jvmOptions, bootstrapServers, workDir, jfrDir);
  }

  /** A running service and the port of its API. */
  public record Running(MeasuredProcess process, int port) implements AutoCloseable {
    public URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
      process.close();
    }
  }

  public @Nullable Path producerJar() {
    return jars.find(PRODUCER);
  }

  public @Nullable Path consumerJar() {
    return jars.find(CONSUMER);
  }

  /** Starts producer-service against the harness broker and waits until it is ready. */
  public Running producer(List<String> extraArgs) throws Exception {
    return producer(PRODUCER, extraArgs);
  }

  /** Starts another producer-service process, logged under {@code name} (row 2t's sides). */
  public Running producer(String name, List<String> extraArgs) throws Exception {
    ServiceImage image = image(PRODUCER, producerJar());
    List<String> args = new ArrayList<>(extraArgs);
    args.addAll(producerArgs);
    return launcher.bootService(name, image.launch(List.of(), false), args);
  }

  /** Starts consumer-service against the harness broker and {@code database}. */
  public Running consumer(BenchDatabase database, List<String> extraArgs) throws Exception {
    return consumer(CONSUMER, database, List.of(), extraArgs);
  }

  /**
   * Starts consumer-service with {@code extraClassPath} appended to its class path (row 5's no-op
   * sink); the service's own classes and configuration are unchanged.
   */
  public Running consumerWithClassPath(
      BenchDatabase database, Path extraClassPath, List<String> extraArgs) throws Exception {
    return consumer(
        CONSUMER + "-noop-sink", database, List.of(extraClassPath.toString()), extraArgs);
  }

  private Running consumer(
      String name, BenchDatabase database, List<String> classPath, List<String> extraArgs)
      throws Exception {
    ServiceImage image = image(CONSUMER, consumerJar());
    List<String> args = new ArrayList<>(database.springArgs());
    args.addAll(extraArgs);
    args.addAll(consumerArgs);
    return launcher.bootService(name, image.launch(classPath, false), args);
  }

  /**
   * Starts consumer-service as {@code ./run-local} runs it: its defaults, run-local's JVM options
   * ({@link #RUN_LOCAL_JVM_OPTIONS}), and on H2 the embedded default's URL (no {@code AUTO_SERVER},
   * so nothing outside the service can read the database).
   */
  public Running consumerLikeRunLocal(BenchDatabase database) throws Exception {
    ServiceImage image = image(CONSUMER, consumerJar());
    List<String> args = new ArrayList<>(database.serviceOnlyArgs());
    args.add("--userevents.topics.create=true"); // as local-stack's PipelineStack passes it
    args.addAll(consumerArgs);
    return launcher.bootService(
        CONSUMER + "-run-local", image.launch(List.of(), false), args, RUN_LOCAL_JVM_OPTIONS);
  }

  /** Starts row 2's baseline web app (same JVM options as the services). */
  public Running baselineWebApp() throws Exception {
    return launcher.harnessApp("baseline-web-app", BaselineWebApp.class, List.of());
  }

  /**
   * Starts row 2c's course producer (same JVM options as the services) on the harness broker,
   * writing to {@code topic} with Spring Kafka's JSON serializer and acks=all.
   */
  public Running courseProducer() throws Exception {
    return launcher.harnessApp(
        "course-producer",
        CourseProducerApp.class,
        List.of(
            "--spring.kafka.bootstrap-servers=" + bootstrapServers,
            "--spring.kafka.producer.acks=all",
            "--spring.kafka.producer.value-serializer="
                + "org.springframework.kafka.support.serializer.JacksonJsonSerializer"));
  }

  /**
   * Starts row 5c's course consumer (same JVM options as the services) in consumer group {@code
   * group}, from the earliest offset, with Spring Kafka's JSON deserializer into its event record
   * and as many listener threads as consumer-service.
   */
  public Running courseConsumer(String group, int concurrency) throws Exception {
    String json = "--spring.kafka.consumer.properties.spring.json.";
    return launcher.harnessApp(
        "course-consumer",
        CourseConsumerApp.class,
        List.of(
            "--spring.kafka.bootstrap-servers=" + bootstrapServers,
            "--spring.kafka.consumer.group-id=" + group,
            "--spring.kafka.consumer.auto-offset-reset=earliest",
            "--spring.kafka.consumer.value-deserializer="
                + "org.springframework.kafka.support.serializer.JacksonJsonDeserializer",
            json + "value.default.type=" + CourseConsumerApp.UserEvent.class.getName(),
            json + "trusted.packages=" + CourseConsumerApp.class.getPackageName(),
            json + "use.type.headers=false",
            "--spring.kafka.listener.concurrency=" + concurrency));
  }

  /**
   * The prepared image of a service; the first time, an unmeasured start (on a topic and database
   * of its own) records the class-data-sharing archive.
   */
  private ServiceImage image(String module, @Nullable Path jar) throws Exception {
    if (jar == null) {
      throw new IllegalStateException(module + " jar not built");
    }
    // One lock per module: the two services' images can be prepared at the same time.
    synchronized (imageLocks.computeIfAbsent(module, m -> new Object())) {
      return prepareImage(module, jar);
    }
  }

  /**
   * Prepares the images of the built services at once, so that their unmeasured training starts run
   * side by side instead of one after the other (a cold run's start-up cost, not measured).
   */
  public void prepareImages() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<ServiceImage>> pending = new ArrayList<>();
      if (producerJar() != null) {
        pending.add(pool.submit(() -> image(PRODUCER, producerJar())));
      }
      if (consumerJar() != null) {
        pending.add(pool.submit(() -> image(CONSUMER, consumerJar())));
      }
      for (Future<ServiceImage> image : pending) {
        image.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private ServiceImage prepareImage(String module, Path jar) throws Exception {
    ServiceImage image = images.get(module);
    if (image == null) {
      image = ServiceImage.prepare(module, jar, imageCache);
      images.put(module, image);
    }
    if (!image.trained() && trainingTried.add(module)) {
      Progress.say("Recording the class-data-sharing archive of %s (one unmeasured start)", module);
      List<String> args = new ArrayList<>();
      if (module.equals(PRODUCER)) {
        args.add("--userevents.ingest.topic=" + TRAINING_TOPIC);
        args.addAll(producerArgs);
        try (Running training =
            launcher.bootService(module + "-cds", image.launch(List.of(), true), args)) {
          // started and ready: the archive is written when it exits
        }
      } else {
        try (BenchDatabase db = BenchDatabase.create(BenchDatabase.Kind.H2, workDir)) {
          args.addAll(db.springArgs());
          args.add("--userevents.consumer.topic=" + TRAINING_TOPIC);
          args.add("--userevents.consumer.dead-letter-topic=" + TRAINING_TOPIC + "-dlt");
          args.add("--spring.kafka.consumer.group-id=" + TRAINING_TOPIC);
          args.addAll(consumerArgs);
          try (Running training =
              launcher.bootService(module + "-cds", image.launch(List.of(), true), args)) {
            // started and ready: the archive is written when it exits
          }
        }
      }
      if (!image.trained()) {
        Progress.say(
            "WARNING: no class-data-sharing archive for %s; starts will be slower", module);
      }
    }
    return image;
  }
}
