package io.userevents.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One service of the pipeline as {@code ./run-local} runs it: the jar, where, its ports, and its
 * arguments.
 */
record ServiceSpec(
    String name,
    Path jar,
    Path workingDir,
    int port,
    int managementPort,
    List<String> jvmArgs,
    List<String> args) {

  ServiceSpec {
    jvmArgs = List.copyOf(jvmArgs);
    args = List.copyOf(args);
  }

  /** Starts the service in a child JVM, its log in {@code logDir}; see {@link ServiceProcess}. */
  ServiceProcess start(Path logDir) {
    return ServiceProcess.start(
        name,
        ServiceProcess.javaCommand(jvmArgs, List.of("-jar", jar.toString()), args),
        workingDir,
        logDir.resolve(name + ".log"),
        Readiness.actuator(managementPort));
  }

  /** Where the service would serve its OpenAPI document (and so springdoc's Swagger UI). */
  URI openApiDocs() {
    return URI.create("http://localhost:" + port + "/v3/api-docs");
  }
}
