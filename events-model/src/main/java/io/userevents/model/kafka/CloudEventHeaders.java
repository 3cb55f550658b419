package io.userevents.model.kafka;

import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents 1.0 Kafka protocol binding (binary content mode) headers that {@link
 * UserEventSerializer} writes next to every record, so that any CloudEvents consumer can read it.
 * The record value is the CloudEvent's data, the JSON payload itself.
 *
 * <table>
 *   <caption>Headers written, all UTF-8 strings</caption>
 *   <tr><th>header</th><th>value</th></tr>
 *   <tr><td>{@code ce_id}</td><td>{@link UserEvent#eventId()}</td></tr>
 *   <tr><td>{@code ce_source}</td><td>the configured source, default {@value #DEFAULT_SOURCE}</td>
 *   </tr>
 *   <tr><td>{@code ce_specversion}</td><td>{@value #SPEC_VERSION_VALUE}</td></tr>
 *   <tr><td>{@code ce_type}</td><td>{@link #typeOf(EventType)}, e.g. {@code
 *       io.userevents.user.created}</td></tr>
 *   <tr><td>{@code ce_time}</td><td>{@link UserEvent#timestamp()} in RFC 3339 UTC, e.g. {@code
 *       2022-02-17T18:30:56.789Z}</td></tr>
 *   <tr><td>{@code ce_subject}</td><td>{@link UserEvent#userId()}</td></tr>
 *   <tr><td>{@code ce_dataschema}</td><td>{@link #CURRENT_DATA_SCHEMA}</td></tr>
 *   <tr><td>{@code content-type}</td><td>{@value #CONTENT_TYPE_VALUE}</td></tr>
 * </table>
 *
 * <p>The schema URIs are identifiers, not addresses to fetch: the schema with {@code $id} {@code
 * schemaUri(n)} ships in this jar as the class-path resource {@code schemas/user-event/vN.json}.
 * Readers of this library never need the headers: {@link UserEventDeserializer} ignores them.
 */
public final class CloudEventHeaders {

  /** {@code ce_id}: the event id. */
  public static final String ID = "ce_id";

  /** {@code ce_source}: the producing system, a URI reference. */
  public static final String SOURCE = "ce_source";

  /** {@code ce_specversion}: always {@value #SPEC_VERSION_VALUE}. */
  public static final String SPEC_VERSION = "ce_specversion";

  /** {@code ce_type}: {@code io.userevents.user.created} and so on. */
  public static final String TYPE = "ce_type";

  /** {@code ce_time}: the event timestamp as RFC 3339. */
  public static final String TIME = "ce_time";

  /** {@code ce_subject}: the user id. */
  public static final String SUBJECT = "ce_subject";

  /** {@code ce_dataschema}: the {@code $id} of the JSON Schema the value conforms to. */
  public static final String DATA_SCHEMA = "ce_dataschema";

  /** {@code content-type}: always {@value #CONTENT_TYPE_VALUE}. */
  public static final String CONTENT_TYPE = "content-type";

  /** The CloudEvents specification version written. */
  public static final String SPEC_VERSION_VALUE = "1.0";

  /** The media type of record values. */
  public static final String CONTENT_TYPE_VALUE = "application/json";

  /** The source written when none is configured. */
  public static final String DEFAULT_SOURCE = "urn:io.userevents:producer";

  /** The {@code $id} of the JSON Schema for the schema version this library writes. */
  public static final String CURRENT_DATA_SCHEMA = schemaUri(UserEvent.CURRENT_SCHEMA_VERSION);

  private CloudEventHeaders() {}

  /**
   * The {@code $id} of the JSON Schema of the given version, for example {@code
   * https://userevents.io/schemas/user-event/v2.json}; the schema itself is the class-path resource
   * {@code schemas/user-event/v<version>.json} of this jar.
   */
  public static String schemaUri(int version) {
    return "https://userevents.io/schemas/user-event/v" + version + ".json";
  }

  /**
   * The CloudEvents type of an event type: {@code io.userevents.user.created}, {@code
   * io.userevents.user.updated} or {@code io.userevents.user.deleted}.
   */
  public static String typeOf(EventType eventType) {
    return "io.userevents.user."
        + eventType.name().substring("USER_".length()).toLowerCase(Locale.ROOT);
  }

  /**
   * Replaces the CloudEvents headers of {@code headers} (all of the keys above) with those
   * describing {@code event}; other headers are left alone.
   *
   * @param source the {@code ce_source} value, a URI reference
   */
  public static void write(Headers headers, UserEvent event, String source) {
    put(headers, ID, event.eventId());
    put(headers, SOURCE, source);
    put(headers, SPEC_VERSION, SPEC_VERSION_VALUE);
    put(headers, TYPE, typeOf(event.eventType()));
    put(headers, TIME, Instant.ofEpochMilli(event.timestamp()).toString());
    put(headers, SUBJECT, event.userId());
    put(headers, DATA_SCHEMA, CURRENT_DATA_SCHEMA);
    put(headers, CONTENT_TYPE, CONTENT_TYPE_VALUE);
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
