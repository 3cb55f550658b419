package io.userevents.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserEventJacksonModuleTests {

  /** An application's own immutable type: one constructor, no Jackson annotations. */
  static final class OutboxEntry {
    private final String destination;
    private final UserEvent event;

    OutboxEntry(String destination, UserEvent event) {
      this.destination = destination;
      this.event = event;
    }

    public String getDestination() {
      return destination;
    }

    public UserEvent getEvent() {
      return event;
    }
  }

  private final ObjectMapper mapper =
      new ObjectMapper().registerModule(new UserEventJacksonModule());

  @Test
  void writesAnEventInTheApplicationsMapperWithTheWireFormatsBytes() throws Exception {
    UserEvent event = TestEvents.created();

    byte[] written = mapper.writeValueAsBytes(event);

    assertThat(written).isEqualTo(GoldenVectors.bytes("v2/user-created.json"));
  }

  @Test
  void readsACourseVersionOnePayloadAsAnUpcastEvent() throws Exception {
    UserEvent event =
        mapper.readValue(GoldenVectors.bytes("v1/course-user-created.json"), UserEvent.class);

    assertThat(event.schemaVersion()).isEqualTo(UserEvent.CURRENT_SCHEMA_VERSION);
    assertThat(event.eventType()).isEqualTo(EventType.USER_CREATED);
    assertThat(event.correlationId()).isNull();
  }

  @Test
  void bindsAnApplicationTypeThatCarriesAnEventByConstructorParameterNames() throws Exception {
    OutboxEntry entry = new OutboxEntry("user-events", TestEvents.updated());

    String json = mapper.writeValueAsString(entry);
    OutboxEntry read = mapper.readValue(json, OutboxEntry.class);

    assertThat(read.getDestination()).isEqualTo("user-events");
    assertThat(read.getEvent()).isEqualTo(TestEvents.updated());
  }

  @Test
  void aMapperWithoutTheModuleCannotBindThatTypeByItsConstructor() {
    ObjectMapper plain = new ObjectMapper();

    assertThatThrownBy(
            () ->
                plain.readValue(
                    "{\"destination\":\"user-events\",\"event\":null}", OutboxEntry.class))
        .isInstanceOf(JsonMappingException.class);
  }

  @Test
  void readsAListOfEventsWithTheCodecsRules() throws Exception {
    String json =
        "["
            + new String(GoldenVectors.bytes("v2/user-created.json"), StandardCharsets.UTF_8)
            + ","
            + new String(GoldenVectors.bytes("v2/user-deleted.json"), StandardCharsets.UTF_8)
            + "]";

    List<UserEvent> events =
        mapper.readValue(
            json, mapper.getTypeFactory().constructCollectionType(List.class, UserEvent.class));

    assertThat(events).containsExactly(TestEvents.created(), TestEvents.deleted());
  }

  @Test
  void refusesAnInvalidEventNamingTheFieldWithoutQuotingItsValue() {
    byte[] invalid = GoldenVectors.bytes("invalid/event/invalid-email.json");

    assertThatThrownBy(() -> mapper.readValue(invalid, UserEvent.class))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.INVALID_EVENT);
              assertThat(e.field()).isEqualTo("email");
            });
  }

  @Test
  void refusesDuplicateKeysEvenWhenTheApplicationsMapperAllowsThem() {
    String duplicated =
        "{\"eventId\":\"a\",\"eventId\":\"b\",\"eventType\":\"USER_DELETED\",\"userId\":\"u\","
            + "\"timestamp\":1}";

    assertThatThrownBy(() -> mapper.readValue(duplicated, UserEvent.class))
        .isInstanceOfSatisfying(
            EventDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(EventDecodingException.Reason.MALFORMED_JSON));
  }

  @Test
  void isFoundByFindAndRegisterModules() throws Exception {
    ObjectMapper discovering = new ObjectMapper().findAndRegisterModules();

    byte[] written = discovering.writeValueAsBytes(TestEvents.deleted());

    assertThat(written).isEqualTo(GoldenVectors.bytes("v2/user-deleted.json"));
  }
}
