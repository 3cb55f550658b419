package io.userevents.consumer.projection;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The {@link ProjectionStore} for the DataSource's database: PostgreSQL or H2 (in any mode). Any
 * other database is refused at start-up. Registered as an auto-configuration so that a {@code
 * ProjectionStore} bean of the application, or of an auto-configuration ordered before this one,
 * replaces it. The stores use the application's {@link JdbcTemplate} (and so its {@code
 * spring.jdbc.template.*} settings).
 */
@AutoConfiguration
public class ProjectionStoreAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(ProjectionStore.class)
  ProjectionStore projectionStore(JdbcTemplate template) {
    String product = productName(template.getDataSource());
    return switch (product.toLowerCase(Locale.ROOT)) {
      case "postgresql" -> new PostgresProjectionStore(template);
      case "h2" -> new H2ProjectionStore(template);
      default ->
          throw new IllegalStateException(
              "consumer-service stores its projection in PostgreSQL or H2, but"
                  + " spring.datasource.url points at "
                  + product
                  + "; use a jdbc:postgresql: or jdbc:h2: URL");
    };
  }

  private static String productName(@Nullable DataSource dataSource) {
    if (dataSource == null) {
      throw new IllegalStateException(
          "consumer-service needs a DataSource (spring.datasource.url)");
    }
    try {
      String name =
          JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      return name == null ? "an unnamed database" : name;
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException(
          "consumer-service cannot tell which database spring.datasource.url points at", e);
    }
  }
}
