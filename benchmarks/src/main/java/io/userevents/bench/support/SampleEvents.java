package io.userevents.bench.support;

import io.userevents.model.EventType;
import io.userevents.model.TimeOrderedIds;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.util.Map;

/**
 * The events every row sends: realistic USER_CREATED events of about 300 bytes on the wire, with
 * unique event and user ids (time-ordered, as producer-service creates them) so that a run can be
 * verified event by event.
 */
public final class SampleEvents {

  private static final Map<String, Object> METADATA =
      Map.of("source", "web", "region", "eu-west-1");

  private SampleEvents() {}

  /** A created event for user number {@code n}, with fresh ids. */
  public static UserEvent created(long n) {
    return new UserEvent(
        TimeOrderedIds.next(),
        EventType.USER_CREATED,
        TimeOrderedIds.next(),
        "user." + n,
        "user." + n + "@bench.example.com",
        System.currentTimeMillis(),
        METADATA,
        UserEvent.CURRENT_SCHEMA_VERSION,
        null);
  }

  /** The JSON body of {@code POST /api/users} for user number {@code n}. */
  public static String createUserBody(long n) {
    return "{\"username\":\"user."
        + n
        + "\",\"email\":\"user."
        + n
        + "@bench.example.com\",\"metadata\":{\"source\":\"web\",\"region\":\"eu-west-1\"}}";
  }

  /** The encoded size of a sample event, in bytes. */
  public static int recordSize() {
    return UserEventCodec.create().encode(created(1_000_000)).length;
  }
}
