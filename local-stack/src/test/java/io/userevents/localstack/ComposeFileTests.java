package io.userevents.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * Checks docker/compose.yaml and its files without a Docker engine: what would otherwise only fail
 * on {@code docker compose up}.
 */
class ComposeFileTests {

  /** Variables read by the JVM or the image, not by Spring. */
  private static final Set<String> NON_SPRING_ENV = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");

  /** The compose service and Prometheus job of {@code kafka-admin lag --serve}. */
  private static final String LAG_EXPORTER = "kafka-admin-lag";

  private final ComposeFile compose = ComposeFile.load();

  @Test
  void everyBuildContextAndDockerfileExists() {
    Map<String, Map<String, Object>> services = compose.services();
    assertThat(services)
        .containsKeys(
            "kafka",
            "topics-init",
            "producer-service",
            "consumer-service",
            "postgres",
            "kafka-ui",
            "prometheus",
            "grafana");
    services.keySet().stream()
        .filter(name -> compose.buildContext(name) != null)
        .forEach(
            name -> {
              assertThat(compose.buildContext(name)).as("build context of " + name).isDirectory();
              assertThat(compose.dockerfile(name)).as("Dockerfile of " + name).isRegularFile();
            });
    assertThat(compose.buildContext("producer-service")).isEqualTo(RepoFiles.repoDir());
  }

  @Test
  void everyFileTheDockerfilesCopyFromTheContextExists() {
    for (String service : compose.services().keySet()) {
      if (compose.buildContext(service) == null) {
        continue;
      }
      for (String line : RepoFiles.read(compose.dockerfile(service)).lines().toList()) {
        String[] words = line.trim().split("\\s+");
        if (words[0].equals("COPY") && !line.contains("--from=")) {
          for (int i = 1; i < words.length - 1; i++) {
            assertThat(compose.buildContext(service).resolve(words[i]))
                .as("%s: %s", compose.dockerfile(service), line)
                .exists();
          }
        }
      }
    }
  }

  @Test
  void everyBindMountedFileExists() {
    compose
        .services()
        .keySet()
        .forEach(
            name ->
                compose
                    .bindMountSources(name)
                    .forEach(source -> assertThat(source).as("mount of " + name).exists()));
  }

  @Test
  void dependsOnNamesRealServicesAndHealthConditionsHaveHealthchecks() {
    Set<String> names = compose.services().keySet();
    for (String service : names) {
      compose
          .dependsOn(service)
          .forEach(
              (dependency, condition) -> {
                assertThat(names).as(service + " depends on").contains(dependency);
                if (condition.equals("service_healthy")) {
                  assertThat(compose.hasHealthcheck(dependency))
                      .as(service + " waits for a healthcheck of " + dependency)
                      .isTrue();
                }
              });
    }
    assertThat(compose.dependsOn("producer-service"))
        .containsEntry("topics-init", "service_completed_successfully");
    assertThat(compose.dependsOn("consumer-service"))
        .containsEntry("topics-init", "service_completed_successfully")
        .containsEntry("postgres", "service_healthy");
  }

  @Test
  void servicePortsAgreeWithTheServicesConfigurationAndTheirDockerfiles() {
    assertPorts("producer-service", 8090, 8190);
    assertPorts("consumer-service", 8091, 8191);
  }

  private void assertPorts(String service, int port, int managementPort) {
    Map<String, String> env = compose.environment(service);
    assertThat(env)
        .containsEntry("SERVER_PORT", String.valueOf(port))
        .containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
    assertThat(compose.containerPorts(service)).containsExactly(port);

    Map<String, String> config = RepoFiles.serviceConfig(service);
    assertThat(config)
        .as(service + "'s application configuration")
        .containsEntry("server.port", String.valueOf(port))
        .containsEntry("management.server.port", String.valueOf(managementPort));
    assertThat(config.get("management.endpoints.web.exposure.include"))
        .as("actuator exposure of " + service)
        .contains("prometheus")
        .contains("health");

    String dockerfile = RepoFiles.read(compose.dockerfile(service));
    assertThat(dockerfile)
        .contains("EXPOSE " + port + " " + managementPort)
        .contains("SERVER_PORT=" + port)
        .contains("MANAGEMENT_SERVER_PORT=" + managementPort)
        .contains("HEALTHCHECK")
        .contains("/actuator/health/readiness")
        .contains("USER 10001")
        .contains("MaxRAMPercentage")
        .contains("extract --layers --launcher");
  }

  /**
   * A JVM needs memory beyond its heap (metaspace, code cache, threads, buffers): 150-250 MB for
   * these services (benchmark row 7). A heap share that leaves less gets the container OOM-killed
   * under load instead of a Java OutOfMemoryError.
   */
  @Test
  void heapShareOfTheContainerLimitLeavesRoomForNonHeapMemory() {
    for (String service : ComposeFile.SPRING_SERVICES) {
      long limitMb = compose.memoryLimitMb(service);
      assertThat(limitMb).as(service + " memory limit in compose.yaml").isPositive();
      java.util.regex.Matcher percentage =
          java.util.regex.Pattern.compile(
                  "ENV JAVA_TOOL_OPTIONS=\"[^\"]*-XX:MaxRAMPercentage=([0-9.]+)")
              .matcher(RepoFiles.read(compose.dockerfile(service)));
      assertThat(percentage.find())
          .as(service + "'s Dockerfile sets MaxRAMPercentage in JAVA_TOOL_OPTIONS")
          .isTrue();
      double heapMb = limitMb * Double.parseDouble(percentage.group(1)) / 100;
      assertThat(limitMb - heapMb)
          .as("%s: %d MB limit, %.0f MB heap", service, limitMb, heapMb)
          .isGreaterThanOrEqualTo(250);
    }
  }

  @Test
  void prometheusScrapesEveryServiceOnItsManagementPortAndPrometheusPath() {
    Map<String, Object> prometheus =
        RepoFiles.yaml(RepoFiles.dockerDir().resolve("prometheus/prometheus.yml"));
    List<Object> jobs = RepoFiles.list(prometheus.get("scrape_configs"));
    Set<String> scraped = new java.util.HashSet<>();
    for (Object job : jobs) {
      Map<String, Object> config = RepoFiles.map(job);
      if (config.get("job_name").equals(LAG_EXPORTER)) {
        continue;
      }
      assertThat(config.get("metrics_path")).isEqualTo("/actuator/prometheus");
      for (Object staticConfig : RepoFiles.list(config.get("static_configs"))) {
        for (Object target : RepoFiles.list(RepoFiles.map(staticConfig).get("targets"))) {
          String host = target.toString().substring(0, target.toString().indexOf(':'));
          String port = target.toString().substring(target.toString().indexOf(':') + 1);
          assertThat(compose.services()).as("scrape target host").containsKey(host);
          assertThat(compose.environment(host))
              .as("management port of " + host)
              .containsEntry("MANAGEMENT_SERVER_PORT", port);
          assertThat(config.get("job_name")).isEqualTo(host);
          scraped.add(host);
        }
      }
    }
    assertThat(scraped).isEqualTo(ComposeFile.SPRING_SERVICES);
    assertThat(jobs).hasSize(ComposeFile.SPRING_SERVICES.size() + 1);
    assertThat(compose.dependsOn("prometheus").keySet())
        .containsAll(ComposeFile.SPRING_SERVICES)
        .contains(LAG_EXPORTER);
  }

  @Test
  void prometheusScrapesTheLagExporterOnThePortItServesAndLoadsTheShippedAlerts() {
    Map<String, Object> prometheus =
        RepoFiles.yaml(RepoFiles.dockerDir().resolve("prometheus/prometheus.yml"));
    Map<String, Object> job =
        RepoFiles.list(prometheus.get("scrape_configs")).stream()
            .map(RepoFiles::map)
            .filter(config -> LAG_EXPORTER.equals(config.get("job_name")))
            .findFirst()
            .orElseThrow();
    String command = compose.service(LAG_EXPORTER).get("command").toString();
    assertThat(command).contains("lag", "--serve", "--all-groups", "--bind=0.0.0.0", "--port=8192");
    assertThat(job.get("metrics_path")).isEqualTo("/metrics");
    assertThat(job.get("static_configs").toString()).contains(LAG_EXPORTER + ":8192");

    assertThat(RepoFiles.list(prometheus.get("rule_files"))).containsExactly("alerts.yml");
    assertThat(compose.bindMountSources("prometheus"))
        .contains(RepoFiles.dockerDir().resolve("prometheus/alerts.yml"));
    assertThat(compose.service("prometheus").get("volumes").toString())
        .contains("/etc/prometheus/alerts.yml");
  }

  @Test
  void grafanaProvisionsThePrometheusDataSourceTheDashboardUses() {
    Map<String, Object> datasource =
        RepoFiles.map(
            RepoFiles.list(
                    RepoFiles.yaml(
                            RepoFiles.dockerDir()
                                .resolve("grafana/provisioning/datasources/prometheus.yaml"))
                        .get("datasources"))
                .get(0));
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");

    GrafanaDashboard dashboard = GrafanaDashboard.load();
    assertThat(dashboard.datasourceUids()).containsOnly(datasource.get("uid").toString());
    assertThat(dashboard.panelTitles())
        .contains(
            "Ingest rate by type and outcome",
            "Publish latency (request -> broker ack)",
            "Applied rate by type and outcome",
            "End-to-end latency (event timestamp -> applied)",
            "Consumer lag",
            "Dead letters",
            "Errors");
    assertThat(dashboard.metricNames()).isNotEmpty();
  }

  @Test
  void kafkaImageIsTheOfficialImageOfTheKafkaVersionTheServicesUse() {
    String image = compose.service("kafka").get("image").toString();
    assertThat(image).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
    assertThat(compose.service("kafka-ui").get("image").toString())
        .startsWith("ghcr.io/kafbat/kafka-ui:");
    assertThat(compose.containerPorts("kafka-ui")).contains(8080);
  }

  @Test
  void threeBrokerProfileAddsTwoBrokersAndRaisesReplication() {
    assertThat(compose.service("kafka-2").get("profiles")).isEqualTo(List.of("3-brokers"));
    assertThat(compose.service("kafka-3").get("profiles")).isEqualTo(List.of("3-brokers"));
    Path envFile = RepoFiles.dockerDir().resolve("3-brokers.env");
    for (String node : List.of("kafka", "kafka-2", "kafka-3")) {
      assertThat(compose.environment(node))
          .as("%s is a broker and a KRaft controller", node)
          .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
          .containsEntry(
              "KAFKA_CONTROLLER_QUORUM_VOTERS", "${KAFKA_CONTROLLER_QUORUM_VOTERS:-1@kafka:9093}");
    }
    assertThat(RepoFiles.read(envFile))
        .as("three controller voters: the metadata quorum survives one node down")
        .contains("KAFKA_CONTROLLER_QUORUM_VOTERS=1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
        .contains("COMPOSE_PROFILES=3-brokers")
        .contains("KAFKA_REPLICATION_FACTOR=3")
        .contains("KAFKA_MIN_INSYNC_REPLICAS=2");
    assertThat(compose.environment("kafka"))
        .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "${KAFKA_MIN_INSYNC_REPLICAS:-1}");
    assertThat(compose.environment("topics-init"))
        .containsEntry("TOPICS_REPLICATION_FACTOR", "${KAFKA_REPLICATION_FACTOR:-1}")
        .containsEntry("TOPICS_MIN_INSYNC_REPLICAS", "${KAFKA_MIN_INSYNC_REPLICAS:-1}");
  }

  @Test
  void everyServiceEnvironmentVariableBindsToARealConfigurationProperty() {
    for (String service : ComposeFile.SPRING_SERVICES) {
      ServiceMetadata metadata =
          ServiceMetadata.of(PipelineStack.serviceJar(RepoFiles.repoDir(), service));
      String ownPrefix =
          service.startsWith("producer") ? "userevents.ingest." : "userevents.consumer.";
      assertThat(metadata.hasPropertyStartingWith(ownPrefix))
          .as(
              "%s ships metadata for its own %s* properties (spring-boot-configuration-processor)",
              service, ownPrefix)
          .isTrue();
      compose
          .environment(service)
          .forEach(
              (name, value) -> {
                if (!NON_SPRING_ENV.contains(name)) {
                  assertThat(metadata.propertiesBoundBy(name, value))
                      .as("%s of %s binds to a declared configuration property", name, service)
                      .isNotEmpty();
                }
              });
    }
  }

  @Test
  void bindingCheckFollowsSpringRelaxedBindingAndRejectsTypos() {
    ServiceMetadata producer =
        ServiceMetadata.of(PipelineStack.serviceJar(RepoFiles.repoDir(), "producer-service"));

    assertThat(producer.propertiesBoundBy("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092"))
        .contains("spring.kafka.bootstrap-servers");
    assertThat(producer.propertiesBoundBy("SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka:19092"))
        .contains("spring.kafka.bootstrap-servers");
    assertThat(producer.propertiesBoundBy("USEREVENTS_INGEST_LIMITS_MAX_BODY_SIZE", "1MB"))
        .containsExactly("userevents.ingest.limits.max-body-size");
    assertThat(producer.propertiesBoundBy("LOGGING_LEVEL_ORG_APACHE_KAFKA", "warn"))
        .contains("logging.level");
    assertThat(producer.propertiesBoundBy("SPRING_KAFKA_BOOTSTRAP_SERVER", "kafka:19092"))
        .isEmpty();
    assertThat(producer.propertiesBoundBy("USEREVENTS_INGEST_TOPICS", "x")).isEmpty();
  }

  @Test
  void topicInitAppliesTheShippedTopicsFile() {
    assertThat(compose.bindMountSources("topics-init"))
        .contains(RepoFiles.repoDir().resolve("admin-tools/topics.yaml"));
    assertThat(Files.exists(RepoFiles.repoDir().resolve("admin-tools/topics.yaml"))).isTrue();
    assertThat(compose.service("topics-init").get("command").toString())
        .contains("topics, apply, -f, /topics.yaml");
  }

  @Test
  void topicInitEnvironmentIsReadByTheAdminCliOrTheTopicsFile() throws Exception {
    Path sources = RepoFiles.repoDir().resolve("admin-tools/src/main/java");
    String cliSources;
    try (var files = Files.walk(sources)) {
      cliSources =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .map(RepoFiles::read)
              .collect(java.util.stream.Collectors.joining("\n"));
    }
    String topicsFile = RepoFiles.read(RepoFiles.repoDir().resolve("admin-tools/topics.yaml"));
    compose
        .environment("topics-init")
        .keySet()
        .forEach(
            name ->
                assertThat(
                        cliSources.contains("\"" + name + "\"")
                            || topicsFile.contains("${" + name + ":-"))
                    .as("admin-tools or topics.yaml reads %s", name)
                    .isTrue());
  }
}
