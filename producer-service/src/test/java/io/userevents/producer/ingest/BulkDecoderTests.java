package io.userevents.producer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.userevents.model.EventDecodingException;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import io.userevents.service.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class BulkDecoderTests {

  private static final UserEventCodec CODEC = UserEventCodec.create();
  private final BulkDecoder decoder = new BulkDecoder(CODEC, 3);

  @Test
  void decodesEachArrayItemWithTheCodec() {
    UserEvent a = UserEvent.created("u1", "anna", "a@example.com", Map.of("k", List.of(1, "x")));
    UserEvent b = UserEvent.deleted("u2", Map.of());

    List<BulkDecoder.Item> items =
        decoder.decodeArray(
            bytes(" [ " + CODEC.encodeToString(a) + " ,\n" + CODEC.encodeToString(b) + "] "));

    assertThat(items)
        .extracting(item -> ((BulkDecoder.Decoded) item).event())
        .containsExactly(a, b);
  }

  @Test
  void reportsBrokenItemsOnTheirOwnWithTheCodecReason() {
    List<BulkDecoder.Item> items =
        decoder.decodeArray(bytes("[{\"eventId\":\"e\"}, \"text\", {\"a\":1,\"a\":2}]"));

    assertThat(items).allMatch(item -> item instanceof BulkDecoder.Refused);
    assertThat(((BulkDecoder.Refused) items.get(0)).error().reason())
        .isEqualTo(EventDecodingException.Reason.INVALID_EVENT);
    assertThat(((BulkDecoder.Refused) items.get(1)).error().reason())
        .isEqualTo(EventDecodingException.Reason.MALFORMED_JSON);
    assertThat(((BulkDecoder.Refused) items.get(2)).error().reason())
        .isEqualTo(EventDecodingException.Reason.MALFORMED_JSON);
  }

  @Test
  void refusesABodyThatIsNotAWellFormedArray() {
    assertThatThrownBy(() -> decoder.decodeArray(bytes("{}")))
        .isInstanceOf(ErrorResponseException.class);
    assertThatThrownBy(() -> decoder.decodeArray(bytes("[{}")))
        .isInstanceOf(ErrorResponseException.class);
    assertThatThrownBy(() -> decoder.decodeArray(bytes("[] []")))
        .isInstanceOf(ErrorResponseException.class);
    assertThatThrownBy(() -> decoder.decodeArray(bytes("[]")))
        .isInstanceOf(ErrorResponseException.class);
  }

  @Test
  void refusesMoreItemsThanTheLimit() {
    assertThatThrownBy(() -> decoder.decodeArray(bytes("[1,2,3,4]")))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(413));
    assertThatThrownBy(() -> decoder.decodeNdjson(bytes("1\n2\n3\n4\n")))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(413));
  }

  @Test
  void readsNdjsonLinesIgnoringBlankOnesAndCarriageReturns() {
    UserEvent a = UserEvent.deleted("u1", Map.of());

    List<BulkDecoder.Item> items =
        decoder.decodeNdjson(bytes("\n" + CODEC.encodeToString(a) + "\r\n   \n{oops}"));

    assertThat(items).hasSize(2);
    assertThat(((BulkDecoder.Decoded) items.get(0)).event()).isEqualTo(a);
    assertThat(items.get(1)).isInstanceOf(BulkDecoder.Refused.class);
    assertThat(items.get(1).index()).isEqualTo(1);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
