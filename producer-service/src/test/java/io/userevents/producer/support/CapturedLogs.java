package io.userevents.producer.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event emitted while it is attached to the root logger, rendered in full: level, logger,
 * formatted message, MDC and stack trace.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  private CapturedLogs() {}

  /** Starts capturing. */
  public static CapturedLogs capture() {
    CapturedLogs logs = new CapturedLogs();
    logs.setContext(logs.root.getLoggerContext());
    logs.start0();
    return logs;
  }

  private void start0() {
    super.start();
    root.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder()
            .append(event.getLevel())
            .append(' ')
            .append(event.getLoggerName())
            .append(' ')
            .append(event.getFormattedMessage())
            .append(' ')
            .append(event.getMDCPropertyMap());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(thrown));
    }
    lines.add(line.toString());
  }

  /** The lines captured so far. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Lines at the given level or above. */
  public synchronized List<String> linesAtLeast(Level level) {
    return lines.stream()
        .filter(l -> Level.toLevel(l.substring(0, l.indexOf(' '))).isGreaterOrEqual(level))
        .toList();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
