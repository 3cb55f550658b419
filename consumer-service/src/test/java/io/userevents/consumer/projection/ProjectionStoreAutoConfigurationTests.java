package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class ProjectionStoreAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ProjectionStoreAutoConfiguration.class));

  @Test
  void refusesToStartOnADatabaseOtherThanPostgresqlOrH2() throws SQLException {
    JdbcTemplate template = new JdbcTemplate(database("MySQL"));

    runner
        .withBean(JdbcTemplate.class, () -> template)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("PostgreSQL or H2")
                    .hasMessageContaining("MySQL"));
  }

  @Test
  void aProjectionStoreOfTheApplicationReplacesTheDatabaseOne() throws SQLException {
    JdbcTemplate template = new JdbcTemplate(database("MySQL"));
    ProjectionStore own = new OwnStore();

    runner
        .withBean(JdbcTemplate.class, () -> template)
        .withBean(ProjectionStore.class, () -> own)
        .run(context -> assertThat(context).getBean(ProjectionStore.class).isSameAs(own));
  }

  @Test
  void theUnsupportedDatabaseMessageNamesTheWayOut() throws SQLException {
    assertThatThrownBy(
            () ->
                new ProjectionStoreAutoConfiguration()
                    .projectionStore(new JdbcTemplate(database("Oracle"))))
        .hasMessageContaining("jdbc:postgresql: or jdbc:h2:");
  }

  private static DataSource database(String product) throws SQLException {
    DataSource dataSource = mock(DataSource.class);
    Connection connection = mock(Connection.class);
    DatabaseMetaData metaData = mock(DatabaseMetaData.class);
    when(dataSource.getConnection()).thenReturn(connection);
    when(connection.getMetaData()).thenReturn(metaData);
    when(metaData.getDatabaseProductName()).thenReturn(product);
    return dataSource;
  }

  /** A store an application might bring; never called here. */
  private static final class OwnStore implements ProjectionStore {
    @Override
    public Claim claim(
        SortedMap<String, String> fingerprints, SortedSet<String> userIds, Instant appliedAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, String> fingerprints(java.util.Collection<String> eventIds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void writeUsers(List<UserRow> rows) {}

    @Override
    public Optional<UserRow> findUser(String userId) {
      return Optional.empty();
    }

    @Override
    public List<UserRow> findActive(String afterUserId, int limit) {
      return List.of();
    }

    @Override
    public int pruneProcessed(Instant cutoff, int limit) {
      return 0;
    }
  }
}
