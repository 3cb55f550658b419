package io.userevents.producer.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.userevents.model.EventDecodingException;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.service.problem.ProblemException;
import io.userevents.service.problem.ProblemType;
import io.userevents.service.problem.Problems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Splits a bulk body into items and decodes each with the events-model {@link UserEventCodec}, so
 * that the wire rules live in one place. A body whose structure is broken (not a JSON array, or a
 * syntax error between items) is refused as a whole; a broken item is reported on its own.
 */
final class BulkDecoder {

  /** One item of the body: decoded, or refused with the codec's reason. */
  sealed interface Item permits Decoded, Refused {
    int index();
  }

  record Decoded(int index, UserEvent event) implements Item {}

  record Refused(int index, EventDecodingException error) implements Item {}

  private static final JsonFactory SPLITTER = new JsonFactory();

  private final UserEventCodec codec;
  private final int maxItems;

  BulkDecoder(UserEventCodec codec, int maxItems) {
    this.codec = codec;
    this.maxItems = maxItems;
  }

  /** Items of a JSON array of events. */
  List<Item> decodeArray(byte[] body) {
    List<Item> items = new ArrayList<>();
    try (JsonParser parser = SPLITTER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw malformed("The body must be a JSON array of events");
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw malformed("The JSON array is not closed");
        }
        int index = items.size();
        checkCount(index);
        if (token == JsonToken.START_OBJECT) {
          int start = (int) parser.currentTokenLocation().getByteOffset();
          parser.skipChildren();
          int end = (int) parser.currentLocation().getByteOffset();
          items.add(decode(index, body, start, end - start));
        } else {
          parser.skipChildren();
          items.add(notAnObject(index));
        }
      }
      if (parser.nextToken() != null) {
        throw malformed("Unexpected data after the JSON array");
      }
    } catch (IOException e) {
      throw malformed("The body is not a well-formed JSON array");
    }
    if (items.isEmpty()) {
      throw malformed("The body must contain at least one event");
    }
    return items;
  }

  /** Items of newline-delimited JSON, one event per non-blank line. */
  List<Item> decodeNdjson(byte[] body) {
    List<Item> items = new ArrayList<>();
    int lineStart = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i;
        if (end > lineStart && body[end - 1] == '\r') {
          end--;
        }
        if (!blank(body, lineStart, end)) {
          checkCount(items.size());
          items.add(decode(items.size(), body, lineStart, end - lineStart));
        }
        lineStart = i + 1;
      }
    }
    if (items.isEmpty()) {
      throw malformed("The body must contain at least one event");
    }
    return items;
  }

  private Item decode(int index, byte[] body, int offset, int length) {
    try {
      return new Decoded(index, codec.decode(body, offset, length));
    } catch (EventDecodingException e) {
      return new Refused(index, e);
    }
  }

  private void checkCount(int index) {
    if (index >= maxItems) {
      throw ProblemException.of(
          ProblemType.PAYLOAD_TOO_LARGE,
          "A bulk request may carry at most " + maxItems + " events");
    }
  }

  private static Item notAnObject(int index) {
    return new Refused(
        index,
        new EventDecodingException(
            EventDecodingException.Reason.MALFORMED_JSON,
            null,
            "item must be a JSON object",
            null));
  }

  private static boolean blank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static ErrorResponseException malformed(String detail) {
    return new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.malformed(detail), null);
  }
}
