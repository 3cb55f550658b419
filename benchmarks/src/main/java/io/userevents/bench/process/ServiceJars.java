package io.userevents.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Finds the executable jars of the services in the repository's build output. */
public final class ServiceJars {

  private final Path repoRoot;

  public ServiceJars(Path repoRoot) {
    this.repoRoot = repoRoot;
  }

  /**
   * The Spring Boot executable jar of {@code module} (for example {@code producer-service}), or
   * null when it has not been built or is not an application yet.
   */
  public @Nullable Path find(String module) {
    Path target = repoRoot.resolve(module).resolve("target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(module + "-"))
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
          .filter(ServiceJars::isBootJar)
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isBootJar(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest() != null
          && file.getManifest().getMainAttributes().getValue("Start-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
