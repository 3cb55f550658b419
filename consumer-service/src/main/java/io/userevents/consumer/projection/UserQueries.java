package io.userevents.consumer.projection;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Read side of the projection, for the API. */
@Service
public class UserQueries {

  private final JdbcProjectionStore store;

  UserQueries(JdbcProjectionStore store) {
    this.store = store;
  }

  /** The user's row, active or deleted. */
  public Optional<UserRow> find(String userId) {
    return store.findUser(userId);
  }

  /** One page of active users, ordered by user id. */
  public UserPage activeUsers(int page, int size) {
    List<UserRow> rows = store.findActive((long) page * size, size);
    return new UserPage(rows, page, size, store.countActive());
  }

  /**
   * A page of users.
   *
   * @param users the rows of this page
   * @param page zero-based page number
   * @param size requested page size
   * @param totalElements active users in all
   */
  public record UserPage(List<UserRow> users, int page, int size, long totalElements) {

    public UserPage {
      users = List.copyOf(users);
    }

    /** Pages in all. */
    public long totalPages() {
      return (totalElements + size - 1) / size;
    }
  }
}
