package io.userevents.consumer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** On H2 in its default mode: a plain URL, no MODE=PostgreSQL, no DATABASE_TO_LOWER. */
class H2ProjectionStoreIntegrationTests extends AbstractProjectionStoreTests {

  @Override
  protected HikariDataSource createDataSource() {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Test
  void theStoreForH2IsChosenFromTheDatabase() {
    assertThat(store()).isInstanceOf(H2ProjectionStore.class);
  }
}
