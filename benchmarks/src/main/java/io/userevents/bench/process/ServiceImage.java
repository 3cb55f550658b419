package io.userevents.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A service jar prepared the way Spring Boot recommends for production start-up: extracted with
 * {@code -Djarmode=tools extract} (plain jars, no nested-jar class loading) and run with an AppCDS
 * archive of its start-up classes. Cuts a service's start-up on a 2-core machine from ~8 s to ~3 s,
 * which is what lets the harness restart services between repetitions. Kept under {@code
 * benchmarks/target/service-images} and rebuilt when the jar changes.
 *
 * @param appJar the extracted application jar (its manifest points at {@code lib/})
 * @param mainClass the application's main class
 * @param cdsArchive the AppCDS archive (created by the first, unmeasured start)
 */
public record ServiceImage(Path appJar, String mainClass, Path cdsArchive) {

  /** Extracts {@code jar} into {@code cacheDir/module}, unless that was done for this jar. */
  public static ServiceImage prepare(String module, Path jar, Path cacheDir) throws Exception {
    Path dir = cacheDir.resolve(module);
    Path stamp = dir.resolve("source.txt");
    String source =
        jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar);
    Path extracted = dir.resolve("app");
    if (!Files.exists(stamp) || !Files.readString(stamp).equals(source)) {
      deleteRecursively(dir);
      Files.createDirectories(dir);
      List<String> command = new ArrayList<>();
      command.add(java());
      command.add("-Djarmode=tools");
      command.add("-jar");
      command.add(jar.toString());
      command.add("extract");
      command.add("--destination");
      command.add(extracted.toString());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("extract.log").toFile())
              .start();
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "cannot extract " + jar + ": " + Files.readString(dir.resolve("extract.log")));
      }
      Files.writeString(stamp, source);
    }
    Path appJar = extracted.resolve(jar.getFileName());
    try (JarFile file = new JarFile(appJar.toFile())) {
      String main = file.getManifest().getMainAttributes().getValue("Main-Class");
      return new ServiceImage(appJar, main, dir.resolve("app.jsa"));
    }
  }

  /** Whether the CDS archive exists (else the next start must create it). */
  public boolean trained() {
    return Files.exists(cdsArchive);
  }

  /** JVM arguments that start the service from its image, with {@code extraClassPath} appended. */
  public List<String> launch(List<String> extraClassPath, boolean train) {
    List<String> launch = new ArrayList<>();
    launch.add(
        train ? "-XX:ArchiveClassesAtExit=" + cdsArchive : "-XX:SharedArchiveFile=" + cdsArchive);
    launch.add("-cp");
    List<String> classPath = new ArrayList<>();
    classPath.add(appJar.toString());
    classPath.addAll(extraClassPath);
    launch.add(String.join(java.io.File.pathSeparator, classPath));
    launch.add(mainClass);
    return launch;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
