package io.userevents.consumer.projection;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Turns on the PostgreSQL driver's {@code reWriteBatchedInserts} (one multi-row INSERT per JDBC
 * batch instead of one statement per row) unless the URL or the pool already set it.
 */
@Component
class PostgresBatchTuning implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(PostgresBatchTuning.class);
  private static final String PROPERTY = "reWriteBatchedInserts";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool
        && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
        && !pool.getJdbcUrl().contains(PROPERTY)
        && !pool.getDataSourceProperties().containsKey(PROPERTY)) {
      pool.addDataSourceProperty(PROPERTY, "true");
      log.debug("Enabled {} for {}", PROPERTY, beanName);
    }
    return bean;
  }
}
