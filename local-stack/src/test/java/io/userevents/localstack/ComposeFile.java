package io.userevents.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** docker/compose.yaml, parsed, with the questions the tests ask of it. */
final class ComposeFile {

  /** Compose services built from this repository's Spring Boot modules, by module name. */
  static final Set<String> SPRING_SERVICES = Set.of("producer-service", "consumer-service");

  private final Path file;
  private final Map<String, Object> root;

  private ComposeFile(Path file) {
    this.file = file;
    this.root = RepoFiles.yaml(file);
  }

  static ComposeFile load() {
    return new ComposeFile(RepoFiles.dockerDir().resolve("compose.yaml"));
  }

  Path dir() {
    return file.getParent();
  }

  Map<String, Map<String, Object>> services() {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    RepoFiles.map(root.get("services"))
        .forEach((name, definition) -> services.put(name, RepoFiles.map(definition)));
    return services;
  }

  Map<String, Object> service(String name) {
    Map<String, Object> service = services().get(name);
    if (service == null) {
      throw new AssertionError("compose.yaml has no service " + name);
    }
    return service;
  }

  /** The service's environment as strings (map form or KEY=VALUE list form). */
  Map<String, String> environment(String service) {
    Object env = service(service).get("environment");
    Map<String, String> result = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> map) {
      map.forEach((key, value) -> result.put(key.toString(), String.valueOf(value)));
    } else {
      for (Object entry : RepoFiles.list(env)) {
        String text = entry.toString();
        int eq = text.indexOf('=');
        result.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
      }
    }
    return result;
  }

  /** Container ports published by the service ("8090:8090" -> 8090). */
  List<Integer> containerPorts(String service) {
    return RepoFiles.list(service(service).get("ports")).stream()
        .map(Object::toString)
        .map(mapping -> mapping.substring(mapping.lastIndexOf(':') + 1))
        .map(Integer::valueOf)
        .toList();
  }

  /** The build context, resolved against docker/, or null for an image-only service. */
  Path buildContext(String service) {
    Map<String, Object> build = RepoFiles.map(service(service).get("build"));
    return build.isEmpty() ? null : dir().resolve(build.get("context").toString()).normalize();
  }

  Path dockerfile(String service) {
    Map<String, Object> build = RepoFiles.map(service(service).get("build"));
    Object dockerfile = build.getOrDefault("dockerfile", "Dockerfile");
    return buildContext(service).resolve(dockerfile.toString()).normalize();
  }

  /** Host paths of bind mounts ("./x:/y:ro"), resolved against docker/. */
  List<Path> bindMountSources(String service) {
    return RepoFiles.list(service(service).get("volumes")).stream()
        .map(Object::toString)
        .filter(volume -> volume.startsWith(".") || volume.startsWith("/"))
        .map(volume -> dir().resolve(volume.substring(0, volume.indexOf(':'))).normalize())
        .toList();
  }

  /** depends_on as service -> condition (short list form means service_started). */
  Map<String, String> dependsOn(String service) {
    Object dependsOn = service(service).get("depends_on");
    Map<String, String> result = new LinkedHashMap<>();
    if (dependsOn instanceof Map<?, ?> map) {
      map.forEach(
          (name, spec) ->
              result.put(
                  name.toString(),
                  String.valueOf(
                      RepoFiles.map(spec).getOrDefault("condition", "service_started"))));
    } else {
      RepoFiles.list(dependsOn).forEach(name -> result.put(name.toString(), "service_started"));
    }
    return result;
  }

  /** deploy.resources.limits.memory in MB ("512m" -> 512, "1g" -> 1024), or -1 when unset. */
  long memoryLimitMb(String service) {
    Object limit =
        RepoFiles.map(
                RepoFiles.map(RepoFiles.map(service(service).get("deploy")).get("resources"))
                    .get("limits"))
            .get("memory");
    if (limit == null) {
      return -1;
    }
    String text = limit.toString().trim().toLowerCase(java.util.Locale.ROOT);
    long number = Long.parseLong(text.replaceAll("[^0-9]", ""));
    return switch (text.replaceAll("[0-9]", "")) {
      case "g", "gb" -> number * 1024;
      case "m", "mb" -> number;
      default -> throw new AssertionError("memory limit of " + service + ": " + limit);
    };
  }

  /** Whether compose or the service's Dockerfile defines a healthcheck. */
  boolean hasHealthcheck(String service) {
    if (service(service).containsKey("healthcheck")) {
      return true;
    }
    Path context = buildContext(service);
    return context != null
        && Files.exists(dockerfile(service))
        && RepoFiles.read(dockerfile(service)).contains("HEALTHCHECK");
  }
}
