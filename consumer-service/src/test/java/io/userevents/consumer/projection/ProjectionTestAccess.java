package io.userevents.consumer.projection;

import io.userevents.model.UserEvent;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Read access to a projection database for tests, outside the application's beans. */
public final class ProjectionTestAccess {

  private ProjectionTestAccess() {}

  public static UserQueries queries(DataSource dataSource) {
    return new UserQueries(store(dataSource));
  }

  /**
   * Rows a {@link Projection#probe()} would leave if its transaction were not rolled back: the
   * probe user in {@code users} plus probe event ids in {@code processed_events}.
   */
  public static long probeRows(DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    long users =
        jdbc.sql("SELECT COUNT(*) FROM users WHERE user_id = ?")
            .param(Projection.PROBE_USER_ID)
            .query(Long.class)
            .single();
    long events =
        jdbc.sql("SELECT COUNT(*) FROM processed_events WHERE event_id LIKE ?")
            .param(Projection.PROBE_EVENT_ID_PREFIX + "%")
            .query(Long.class)
            .single();
    return users + events;
  }

  /** How many of {@code events} are recorded in {@code processed_events} (PostgreSQL). */
  public static long processed(DataSource dataSource, List<UserEvent> events) {
    return JdbcClient.create(dataSource)
        .sql("SELECT COUNT(*) FROM processed_events WHERE event_id = ANY (?)")
        .param(events.stream().map(UserEvent::eventId).toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  /** The store consumer-service would choose for {@code dataSource}. */
  public static ProjectionStore store(DataSource dataSource) {
    return new ProjectionStoreAutoConfiguration().projectionStore(new JdbcTemplate(dataSource));
  }
}
