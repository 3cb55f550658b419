package io.userevents.consumer.projection;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Read access to a projection database for tests, outside the application's beans. */
public final class ProjectionTestAccess {

  private ProjectionTestAccess() {}

  public static UserQueries queries(DataSource dataSource) {
    return new UserQueries(store(dataSource));
  }

  /** The store consumer-service would choose for {@code dataSource}. */
  public static ProjectionStore store(DataSource dataSource) {
    return new ProjectionStoreAutoConfiguration().projectionStore(new JdbcTemplate(dataSource));
  }
}
