package io.userevents.consumer.projection;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Connection settings the projection's PostgreSQL statements rely on, added to the pool unless the
 * URL or the pool already sets them:
 *
 * <ul>
 *   <li>the driver's {@code reWriteBatchedInserts}: one multi-row INSERT per JDBC batch instead of
 *       one statement per row;
 *   <li>{@code plan_cache_mode=force_custom_plan}: the per-batch statements take arrays of ids
 *       ({@code = ANY (?)}); a generic plan cached while {@code users} was still empty scans the
 *       whole table on every batch until the next ANALYZE, which made the end-to-end latency of a
 *       freshly deployed service grow with the table (p50 30 to 500 ms in benchmark row 3). A
 *       custom plan, made per execution for a fraction of a millisecond, sees the real array and
 *       table size and uses the primary key.
 * </ul>
 */
@Component
class PostgresBatchTuning implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(PostgresBatchTuning.class);
  private static final String REWRITE = "reWriteBatchedInserts";
  private static final String OPTIONS = "options";
  private static final String CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool
        && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
      String url = pool.getJdbcUrl();
      if (!url.contains(REWRITE) && !pool.getDataSourceProperties().containsKey(REWRITE)) {
        pool.addDataSourceProperty(REWRITE, "true");
        log.debug("Enabled {} for {}", REWRITE, beanName);
      }
      addCustomPlans(pool, url, beanName);
    }
    return bean;
  }

  private static void addCustomPlans(HikariDataSource pool, String url, String beanName) {
    if (url.toLowerCase(Locale.ROOT).contains("plan_cache_mode")) {
      return;
    }
    if (url.contains(OPTIONS + "=")) {
      log.info(
          "{}: the JDBC URL sets '{}'; add '{}' to it so batch statements use the primary key",
          beanName,
          OPTIONS,
          CUSTOM_PLANS);
      return;
    }
    Object existing = pool.getDataSourceProperties().get(OPTIONS);
    if (existing == null) {
      pool.addDataSourceProperty(OPTIONS, CUSTOM_PLANS);
    } else if (!existing.toString().contains("plan_cache_mode")) {
      pool.addDataSourceProperty(OPTIONS, existing + " " + CUSTOM_PLANS);
    }
    log.debug("Set {} for {}", CUSTOM_PLANS, beanName);
  }
}
