package io.userevents.producer.ingest;

import io.swagger.v3.oas.annotations.media.Schema;
import io.userevents.model.UserEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/users} and {@code PUT /api/users/{userId}}.
 *
 * @param username 3 to 50 letters, digits, dots, underscores or hyphens
 * @param email a plain email address
 * @param metadata free-form JSON context, bounded by {@code userevents.ingest.limits}
 */
record UserRequest(
    @Schema(example = "alice", pattern = UserEvent.USERNAME_REGEX)
        @NotNull
        @Pattern(
            regexp = UserEvent.USERNAME_REGEX,
            message = "must be 3 to 50 letters, digits, dots, underscores or hyphens")
        @Nullable String username,
    @Schema(example = "alice@example.com") @NotBlank @Size(max = UserEvent.MAX_EMAIL_LENGTH)
        @Nullable String email,
    @Schema(example = "{\"source\": \"signup-form\"}")
        @Nullable Map<String, @Nullable Object> metadata) {

  Map<String, @Nullable Object> metadataOrEmpty() {
    return metadata == null ? Map.of() : metadata;
  }
}
