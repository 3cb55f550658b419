package io.userevents.admin.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made with the JDK's keytool for one test run: a PKCS12 key store per
 * name (CN=name, SAN localhost/127.0.0.1) and one trust store holding every certificate. Nothing is
 * committed; the files live in a temporary directory.
 */
public final class TestCertificates {

  public static final String PASSWORD = "test-only-secret";

  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** Creates a key store for each name and a trust store that trusts all of them. */
  public static TestCertificates create(Path dir, String... names) {
    TestCertificates certificates = new TestCertificates(dir);
    try {
      KeyStore trustStore = KeyStore.getInstance("PKCS12");
      trustStore.load(null, null);
      for (String name : names) {
        certificates.keytool(
            "-genkeypair",
            "-alias",
            name,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-sigalg",
            "SHA256withECDSA",
            "-dname",
            "CN=" + name + ",O=user-events-test",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            certificates.keyStore(name).toString(),
            "-storepass",
            PASSWORD,
            "-keypass",
            PASSWORD);
        KeyStore keyStore =
            KeyStore.getInstance(certificates.keyStore(name).toFile(), PASSWORD.toCharArray());
        trustStore.setCertificateEntry(name, keyStore.getCertificate(name));
      }
      try (OutputStream out = Files.newOutputStream(certificates.trustStore())) {
        trustStore.store(out, PASSWORD.toCharArray());
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the trust store", e);
    }
    return certificates;
  }

  public Path keyStore(String name) {
    return dir.resolve(name + ".p12");
  }

  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
