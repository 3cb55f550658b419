package io.userevents.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link PipelineStack} parameter: the launcher's whole stack (in-process broker, both
 * service jars as child processes) on free ports, started once per test JVM and shared by every
 * test class that asks for it; JUnit closes it after the last test. An {@link OtlpSink} parameter
 * is the sink both services export their spans to.
 */
final class RunningStackExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RunningStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == PipelineStack.class || type == OtlpSink.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    OtlpSink spans = store.computeIfAbsent("spans", key -> startSink(), OtlpSink.class);
    PipelineStack stack = store.computeIfAbsent("stack", key -> start(spans), PipelineStack.class);
    return parameter.getParameter().getType() == OtlpSink.class ? spans : stack;
  }

  private static OtlpSink startSink() {
    try {
      return OtlpSink.start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Both services export spans to the sink (sampling stays the default; parent-based). */
  private static List<String> tracing(OtlpSink spans, String service) {
    return List.of(
        "--management.opentelemetry.tracing.export.otlp.endpoint=" + spans.endpoint(service),
        "--management.opentelemetry.tracing.export.schedule-delay=200ms");
  }

  private static PipelineStack start(OtlpSink spans) {
    Path dataDir =
        Path.of("target", "it-stack-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    List<String> args =
        List.of(
            "--repo-dir=" + RepoFiles.repoDir(),
            "--data-dir=" + dataDir,
            "--fresh",
            "--kafka-port=" + FreePorts.next(),
            "--controller-port=" + FreePorts.next(),
            "--producer-port=" + FreePorts.next(),
            "--producer-management-port=" + FreePorts.next(),
            "--consumer-port=" + FreePorts.next(),
            "--consumer-management-port=" + FreePorts.next(),
            "--ready-timeout=240s");
    try {
      PipelineStack stack =
          PipelineStack.start(
              LocalStackSettings.parse(args, Path.of("")),
              tracing(spans, "producer-service"),
              tracing(spans, "consumer-service"));
      // JUnit closes it after the last test; the hook covers a test JVM that is killed instead.
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-test-shutdown"));
      return stack;
    } catch (Exception e) {
      throw new IllegalStateException("local stack did not start: " + e.getMessage(), e);
    }
  }
}
