package io.userevents.model.kafka;

import io.userevents.model.EventType;
import io.userevents.model.UserEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.header.Header;
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
    return TYPES[eventType.ordinal()];
  }

  /** {@link #typeOf} of every event type, by ordinal. */
  private static final String[] TYPES = types();

  private static String[] types() {
    EventType[] all = EventType.values();
    String[] types = new String[all.length];
    for (EventType type : all) {
      types[type.ordinal()] =
          "io.userevents.user." + type.name().substring("USER_".length()).toLowerCase(Locale.ROOT);
    }
    return types;
  }

  /** The header keys {@link #write} replaces. */
  private static final Set<String> KEYS =
      Set.of(ID, SOURCE, SPEC_VERSION, TYPE, TIME, SUBJECT, DATA_SCHEMA, CONTENT_TYPE);

  /**
   * Replaces the CloudEvents headers of {@code headers} (all of the keys above) with those
   * describing {@code event}; other headers are left alone.
   *
   * @param source the {@code ce_source} value, a URI reference
   */
  public static void write(Headers headers, UserEvent event, String source) {
    if (holdsAnyKey(headers)) {
      for (String key : KEYS) {
        headers.remove(key);
      }
    }
    add(headers, ID, event.eventId());
    add(headers, SOURCE, source);
    add(headers, SPEC_VERSION, SPEC_VERSION_VALUE);
    add(headers, TYPE, typeOf(event.eventType()));
    headers.add(TIME, rfc3339(event.timestamp()));
    add(headers, SUBJECT, event.userId());
    add(headers, DATA_SCHEMA, CURRENT_DATA_SCHEMA);
    add(headers, CONTENT_TYPE, CONTENT_TYPE_VALUE);
  }

  /** Whether any header has one of {@link #KEYS}; a producer's headers usually have none. */
  private static boolean holdsAnyKey(Headers headers) {
    for (Header header : headers) {
      if (KEYS.contains(header.key())) {
        return true;
      }
    }
    return false;
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code Instant.ofEpochMilli(epochMillis).toString()} as US-ASCII bytes, for the range a {@link
   * UserEvent} timestamp may take (years 1970 to 9999): {@code yyyy-MM-ddTHH:mm:ssZ}, with {@code
   * .SSS} before the {@code Z} unless the milliseconds are zero.
   */
  static byte[] rfc3339(long epochMillis) {
    if (epochMillis < 0 || epochMillis > UserEvent.MAX_TIMESTAMP) {
      return Instant.ofEpochMilli(epochMillis).toString().getBytes(StandardCharsets.US_ASCII);
    }
    long epochSecond = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    long epochDay = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    // Days to civil date (Howard Hinnant's algorithm, as java.time.LocalDate.ofEpochDay).
    long z = epochDay + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long dayOfEra = z - era * 146_097L;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthIndex = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    byte[] out = new byte[millis == 0 ? 20 : 24];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, month, 2);
    out[7] = '-';
    digits(out, 8, day, 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    if (millis != 0) {
      out[19] = '.';
      digits(out, 20, millis, 3);
    }
    out[out.length - 1] = 'Z';
    return out;
  }

  private static void digits(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
