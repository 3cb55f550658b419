package io.userevents.producer.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One raw HTTP/1.1 connection that sends a request's headers and then its body as slowly as a test
 * likes: what an attacker (or a very slow network) does, and what no HTTP client library does.
 */
public final class SlowClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;

  private SlowClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
  }

  /**
   * Connects and sends the request line and headers of a POST declaring {@code declaredLength}
   * bytes of JSON (or chunked transfer coding when negative), and none of the body.
   *
   * @param authorization the {@code Authorization} header value, or null for none
   */
  public static SlowClient post(
      int port, String path, long declaredLength, @Nullable String authorization) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("localhost", port), 10_000);
      SlowClient client = new SlowClient(socket);
      String length =
          declaredLength < 0
              ? "Transfer-Encoding: chunked\r\n"
              : "Content-Length: " + declaredLength + "\r\n";
      client.send(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + length
                  + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends bytes of the body; false when the server has closed the connection. */
  public boolean send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the server has sent anything (an answer) on this connection. */
  public boolean answered() {
    try {
      return socket.getInputStream().available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Whatever the server answered within {@code wait} (empty when nothing), status line first. */
  public String response(Duration wait) {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout((int) wait.toMillis());
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int read;
      while ((read = in.read(buffer)) != -1) {
        received.write(buffer, 0, read);
        if (complete(received.toString(StandardCharsets.UTF_8))) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // Answered nothing more within the wait.
    } catch (IOException e) {
      // Closed: what came before is the answer.
    }
    return received.toString(StandardCharsets.UTF_8);
  }

  /** A problem body ends with its closing brace; the server closes after it anyway. */
  private static boolean complete(String response) {
    int body = response.indexOf("\r\n\r\n");
    return body >= 0 && response.stripTrailing().endsWith("}");
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }
}
