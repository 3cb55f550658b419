package io.userevents.bench.noop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the class path folder that puts {@link NoopSinkAutoConfiguration} into consumer-service:
 * the class file and the auto-configuration import that registers it.
 */
public final class NoopSinkClassPath {

  private NoopSinkClassPath() {}

  /** Creates the folder under {@code parent} and returns it. */
  public static Path create(Path parent) throws IOException {
    Path dir = parent.resolve("noop-sink");
    String resource = NoopSinkAutoConfiguration.class.getName().replace('.', '/');
    for (String suffix : new String[] {".class", "$1.class"}) {
      Path target = dir.resolve(resource + suffix);
      Files.createDirectories(target.getParent());
      try (InputStream in =
          NoopSinkAutoConfiguration.class.getClassLoader().getResourceAsStream(resource + suffix)) {
        if (in == null) {
          throw new IOException("missing " + resource + suffix);
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
