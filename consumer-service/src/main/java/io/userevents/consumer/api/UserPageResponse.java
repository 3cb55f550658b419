package io.userevents.consumer.api;

import io.userevents.consumer.projection.UserQueries.UserPage;
import java.util.List;

/**
 * One page of active users, ordered by user id.
 *
 * @param content the users of this page
 * @param page zero-based page number
 * @param size requested page size
 * @param totalElements active users in all
 * @param totalPages pages in all
 */
record UserPageResponse(
    List<UserResponse> content, int page, int size, long totalElements, long totalPages) {

  static UserPageResponse of(UserPage page) {
    return new UserPageResponse(
        page.users().stream().map(UserResponse::of).toList(),
        page.page(),
        page.size(),
        page.totalElements(),
        page.totalPages());
  }
}
