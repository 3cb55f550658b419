package io.userevents.model;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.userevents.model.EventDecodingException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Converts {@link UserEvent}s to and from their JSON wire format. Instances are immutable and
 * thread-safe: share one ({@link #create()}).
 *
 * <p><b>Writing</b> always produces UTF-8 JSON of the current schema version ({@value
 * UserEvent#CURRENT_SCHEMA_VERSION}) with a fixed field order ({@code eventId, eventType, userId,
 * username, email, timestamp, metadata, schemaVersion, correlationId}; null username, email and
 * correlationId written as {@code null}), so equal events give equal bytes.
 *
 * <p><b>Reading</b> accepts every version up to the current one:
 *
 * <ul>
 *   <li>a payload without {@code schemaVersion} is version 1 (the original course format); it is
 *       upcast, so the event carries the current version and a null correlation id (a {@code
 *       correlationId} in a version 1 payload is an unknown field and ignored);
 *   <li>unknown fields are ignored, so that a newer producer does not break this reader;
 *   <li>{@code metadata} absent or {@code null} reads as empty; {@code username} and {@code email}
 *       may be absent or null only for {@link EventType#USER_DELETED};
 *   <li>integers may be written with a zero fraction ({@code 2.0}), as JSON Schema allows.
 * </ul>
 *
 * <p>Everything else fails with an {@link EventDecodingException} whose {@link
 * EventDecodingException#reason() reason} says why: {@code MALFORMED_JSON} (not a single JSON
 * object, duplicate keys, trailing data), {@code PAYLOAD_TOO_LARGE}, {@code
 * UNSUPPORTED_SCHEMA_VERSION} (thrown as {@link UnsupportedSchemaVersionException}, reported before
 * any other problem of the payload), or {@code INVALID_EVENT} with the offending field named. None
 * of these is worth retrying.
 */
public final class UserEventCodec {

  /** Default largest payload accepted by {@link #decode(byte[])}: 64 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

  private static final UserEventCodec DEFAULT = new UserEventCodec(DEFAULT_MAX_PAYLOAD_BYTES);

  private final JsonFactory factory;
  private final int maxPayloadBytes;

  private UserEventCodec(int maxPayloadBytes) {
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be positive");
    }
    this.maxPayloadBytes = maxPayloadBytes;
    JsonFactory jsonFactory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(EventMetadata.MAX_DEPTH + 4)
                    .maxStringLength(maxPayloadBytes)
                    .maxNumberLength(64)
                    .build())
            .build();
    this.factory = jsonFactory;
  }

  /** The shared codec with the default payload limit. */
  public static UserEventCodec create() {
    return DEFAULT;
  }

  /** A codec that refuses payloads larger than {@code maxPayloadBytes}. */
  public static UserEventCodec withMaxPayloadBytes(int maxPayloadBytes) {
    return new UserEventCodec(maxPayloadBytes);
  }

  /** The largest payload this codec decodes, in bytes. */
  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** The event as UTF-8 JSON of the current schema version. */
  public byte[] encode(UserEvent event) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(384);
        JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
      write(event, gen);
      gen.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + event, e);
    }
  }

  /**
   * Writes the event as one JSON object of the current schema version to a generator of the
   * caller's, in the same field order as {@link #encode(UserEvent)}; used by {@link
   * UserEventJacksonModule} inside an application's own {@code ObjectMapper}.
   */
  void write(UserEvent event, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("eventId", event.eventId());
    gen.writeStringField("eventType", event.eventType().name());
    gen.writeStringField("userId", event.userId());
    writeNullableString(gen, "username", event.username());
    writeNullableString(gen, "email", event.email());
    gen.writeNumberField("timestamp", event.timestamp());
    gen.writeFieldName("metadata");
    JsonValues.write(gen, event.metadata());
    gen.writeNumberField("schemaVersion", UserEvent.CURRENT_SCHEMA_VERSION);
    writeNullableString(gen, "correlationId", event.correlationId());
    gen.writeEndObject();
  }

  /**
   * Copies the JSON value the caller's parser stands at into this codec's strict format and decodes
   * it, so that an event read inside an application's {@code ObjectMapper} obeys exactly the rules
   * of {@link #decode(byte[])} (duplicate keys, limits, upcasting), whatever that mapper's
   * settings.
   */
  UserEvent read(JsonParser parser) throws IOException {
    try (ByteArrayBuilder out = new ByteArrayBuilder(384);
        JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
      gen.copyCurrentStructure(parser);
      gen.flush();
      return decode(out.toByteArray());
    }
  }

  /** {@link #encode(UserEvent)} as a string. */
  public String encodeToString(UserEvent event) {
    return new String(encode(event), StandardCharsets.UTF_8);
  }

  /**
   * Reads a payload of any supported schema version as a current {@link UserEvent}.
   *
   * @throws EventDecodingException when the payload is not a valid event of a supported version
   */
  public UserEvent decode(byte[] payload) {
    return decode(payload, 0, payload.length);
  }

  /**
   * {@link #decode(byte[])} for the {@code length} bytes of {@code payload} from {@code offset},
   * without copying them; errors report positions within that range.
   *
   * @throws EventDecodingException when the payload is not a valid event of a supported version
   * @throws IndexOutOfBoundsException when the range is not within {@code payload}
   */
  public UserEvent decode(byte[] payload, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, payload.length);
    if (length > maxPayloadBytes) {
      throw new EventDecodingException(
          Reason.PAYLOAD_TOO_LARGE,
          null,
          "payload of " + length + " bytes exceeds the limit of " + maxPayloadBytes,
          null);
    }
    WireFields fields = new WireFields();
    try (JsonParser parser = factory.createParser(payload, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("payload must be a JSON object", null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        fields.read(name, token, parser);
      }
      if (parser.nextToken() != null) {
        throw malformed("unexpected data after the JSON object", null);
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw malformed("cannot read payload: " + e.getClass().getSimpleName(), null);
    }
    return fields.toEvent();
  }

  /** {@link #decode(byte[])} for a string. */
  public UserEvent decode(String payload) {
    return decode(payload.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A parser error as a decoding error whose message (and cause chain) does not echo the payload:
   * Jackson quotes the offending token of "Unrecognized token" errors, which may be personal data.
   */
  private static EventDecodingException malformed(JsonProcessingException e) {
    String detail = e.getOriginalMessage();
    boolean echoesPayload = detail == null || detail.startsWith("Unrecognized token");
    JsonLocation at = e.getLocation();
    String message =
        "not valid JSON: "
            + (echoesPayload ? "unrecognized token" : detail)
            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    return malformed(message, echoesPayload ? null : e);
  }

  private static EventDecodingException malformed(String message, @Nullable Throwable cause) {
    return new EventDecodingException(Reason.MALFORMED_JSON, null, message, cause);
  }

  private static void writeNullableString(JsonGenerator gen, String name, @Nullable String value)
      throws IOException {
    if (value == null) {
      gen.writeNullField(name);
    } else {
      gen.writeStringField(name, value);
    }
  }
}
