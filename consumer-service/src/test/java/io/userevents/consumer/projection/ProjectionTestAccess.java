package io.userevents.consumer.projection;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Read access to a projection database for tests, outside the application's beans. */
public final class ProjectionTestAccess {

  private ProjectionTestAccess() {}

  public static UserQueries queries(DataSource dataSource) {
    return new UserQueries(
        new JdbcProjectionStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource)));
  }
}
