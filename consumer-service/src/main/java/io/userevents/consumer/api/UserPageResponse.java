package io.userevents.consumer.api;

import io.userevents.consumer.projection.UserQueries.UserPage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of active users, ordered by user id.
 *
 * @param content the users of this page
 * @param size requested page size
 * @param next the cursor of the next page (pass it as {@code after}); null on the last page
 */
record UserPageResponse(List<UserResponse> content, int size, @Nullable String next) {

  static UserPageResponse of(UserPage page, int size) {
    String last = page.lastUserId();
    return new UserPageResponse(
        page.users().stream().map(UserResponse::of).toList(),
        size,
        last == null ? null : PageCursor.encode(last));
  }
}
