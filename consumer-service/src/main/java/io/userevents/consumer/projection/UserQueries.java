package io.userevents.consumer.projection;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Read side of the projection, for the API. */
@Service
public class UserQueries {

  private final ProjectionStore store;

  UserQueries(ProjectionStore store) {
    this.store = store;
  }

  /** The user's row, active or deleted. */
  public Optional<UserRow> find(String userId) {
    return store.findUser(userId);
  }

  /**
   * Up to {@code size} active users ordered by user id, after {@code afterUserId} (from the first
   * when null). Keyset paging: the cost of a page does not grow with its position, and nothing is
   * counted.
   */
  public UserPage activeUsers(@Nullable String afterUserId, int size) {
    List<UserRow> rows = store.findActive(afterUserId, size + 1);
    boolean more = rows.size() > size;
    List<UserRow> page = more ? rows.subList(0, size) : rows;
    return new UserPage(page, more ? page.get(size - 1).userId() : null);
  }

  /**
   * A page of users.
   *
   * @param users the rows of this page
   * @param lastUserId the user id to continue after; null on the last page
   */
  public record UserPage(List<UserRow> users, @Nullable String lastUserId) {

    public UserPage {
      users = List.copyOf(users);
    }
  }
}
