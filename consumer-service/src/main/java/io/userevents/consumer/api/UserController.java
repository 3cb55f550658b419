package io.userevents.consumer.api;

import io.userevents.consumer.projection.UserQueries;
import io.userevents.consumer.projection.UserRow;
import io.userevents.consumer.projection.UserStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read API of the projection. */
@RestController
@RequestMapping(path = "/api/users", produces = "application/json")
class UserController {

  private final UserQueries queries;

  UserController(UserQueries queries) {
    this.queries = queries;
  }

  /** The user; 404 when unknown, 410 when deleted. */
  @GetMapping("/{userId}")
  UserResponse user(@PathVariable @Size(max = 128) String userId) {
    UserRow row = queries.find(userId).orElseThrow(() -> new UserNotFoundException(userId));
    if (row.status() == UserStatus.DELETED) {
      throw new UserGoneException(row);
    }
    return UserResponse.of(row);
  }

  /**
   * A page of active users ordered by user id, after the cursor {@code after} (the {@code next} of
   * the previous page). Page numbers are refused: each page costs the same wherever it is.
   */
  @GetMapping
  UserPageResponse users(
      @RequestParam(required = false) @Size(max = PageCursor.MAX_LENGTH) @Nullable String after,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
      @RequestParam(required = false)
          @Null(message = "page numbers are not supported; pass the previous page's next as after")
          @Nullable String page) {
    String afterUserId = after == null ? null : PageCursor.decode(after);
    return UserPageResponse.of(queries.activeUsers(afterUserId, size), size);
  }
}
