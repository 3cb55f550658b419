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
 * test class that asks for it; JUnit closes it after the last test.
 */
final class RunningStackExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RunningStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PipelineStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent("stack", key -> start(), PipelineStack.class);
  }

  private static PipelineStack start() {
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
      PipelineStack stack = PipelineStack.start(LocalStackSettings.parse(args, Path.of("")));
      // JUnit closes it after the last test; the hook covers a test JVM that is killed instead.
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-test-shutdown"));
      return stack;
    } catch (Exception e) {
      throw new IllegalStateException("local stack did not start: " + e.getMessage(), e);
    }
  }
}
