package io.userevents.bench.noop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the class path folder that puts {@link NoopSinkAutoConfiguration} into consumer-service:
 * its class files and the auto-configuration import that registers it.
 */
public final class NoopSinkClassPath {

  private NoopSinkClassPath() {}

  /** Creates the folder under {@code parent} and returns it. */
  public static Path create(Path parent) throws IOException {
    Path dir = parent.resolve("noop-sink");
    // By name, not NoopProjectionStore.class: loading that class here would need consumer-service's
    // ProjectionStore, which is on the service's class path, not the harness's.
    String configuration = NoopSinkAutoConfiguration.class.getName();
    for (String type : List.of(configuration, configuration + "$NoopProjectionStore")) {
      String resource = type.replace('.', '/') + ".class";
      Path target = dir.resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in =
          NoopSinkAutoConfiguration.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("missing " + resource);
        }
        Files.copy(in, target);
      }
    }
    Path imports =
        dir.resolve(
            "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
    Files.createDirectories(imports.getParent());
    Files.writeString(imports, NoopSinkAutoConfiguration.class.getName() + "\n");
    return dir;
  }
}
