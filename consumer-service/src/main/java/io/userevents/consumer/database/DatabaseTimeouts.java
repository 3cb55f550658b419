package io.userevents.consumer.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Sets the statement and socket timeouts of {@link DatabaseTimeoutSettings} as driver properties of
 * the Hikari pool, before its first connection: for PostgreSQL {@code options=-c
 * statement_timeout=...} and {@code socketTimeout}, for H2 {@code QUERY_TIMEOUT}. A value the
 * operator already set in the JDBC URL or in {@code
 * spring.datasource.hikari.data-source-properties} is left alone. A statement cut short fails with
 * a timeout, which the listener holds as a systemic failure instead of hanging while it holds row
 * locks.
 */
class DatabaseTimeouts implements BeanPostProcessor, EnvironmentAware {

  private static final Logger log = LoggerFactory.getLogger(DatabaseTimeouts.class);

  private DatabaseTimeoutSettings settings =
      new DatabaseTimeoutSettings(Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Override
  public void setEnvironment(Environment environment) {
    settings =
        Binder.get(environment)
            .bindOrCreate("userevents.consumer.database", DatabaseTimeoutSettings.class);
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
      apply(hikari);
    }
    return bean;
  }

  static final String PLAN_PER_EXECUTION = "-c plan_cache_mode=force_custom_plan";

  private void apply(HikariDataSource hikari) {
    String url = hikari.getJdbcUrl();
    String lower = url.toLowerCase(Locale.ROOT);
    long statementMillis = settings.statementTimeout().toMillis();
    if (lower.startsWith("jdbc:postgresql:")) {
      if (unset(hikari, lower, "options")) {
        // plan_cache_mode: the projection's statements take arrays of ids (= ANY, unnest); a
        // generic plan cached while the tables were small would keep scanning them as they grow.
        String timeout = statementMillis > 0 ? "-c statement_timeout=" + statementMillis + " " : "";
        hikari.addDataSourceProperty("options", timeout + PLAN_PER_EXECUTION);
      }
      long socketSeconds = settings.socketTimeout().toSeconds();
      if (socketSeconds > 0 && unset(hikari, lower, "socketTimeout")) {
        hikari.addDataSourceProperty("socketTimeout", Long.toString(socketSeconds));
      }
      log.debug(
          "PostgreSQL timeouts: statement {} ms, socket {} s", statementMillis, socketSeconds);
    } else if (lower.startsWith("jdbc:h2:")) {
      if (statementMillis > 0 && unset(hikari, lower, "QUERY_TIMEOUT")) {
        hikari.addDataSourceProperty("QUERY_TIMEOUT", Long.toString(statementMillis));
      }
      log.debug("H2 query timeout {} ms", statementMillis);
    }
  }

  private static boolean unset(HikariDataSource hikari, String lowerUrl, String property) {
    String name = property.toLowerCase(Locale.ROOT);
    return !lowerUrl.contains(name + "=")
        && hikari.getDataSourceProperties().keySet().stream()
            .noneMatch(k -> k.toString().equalsIgnoreCase(property));
  }
}
