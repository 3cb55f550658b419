package io.userevents.producer.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.userevents.service.problem.InvalidField;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a bulk request: counts and one result per item, in request order.
 *
 * @param accepted items acknowledged by the broker
 * @param rejected invalid items, not sent
 * @param failed valid items the broker did not acknowledge in time or refused
 * @param results one per item
 */
record BulkResponse(int accepted, int rejected, int failed, List<ItemResult> results) {

  /**
   * What became of one item.
   *
   * @param index position in the request, from 0
   * @param eventId the event's id, when the item could be read
   * @param status 201 acknowledged, 400 or 413 invalid, 503 not acknowledged in time, 500 refused
   *     by the broker
   * @param outcome accepted, rejected or failed
   * @param partition where the record was written, when acknowledged
   * @param offset the record's offset, when acknowledged
   * @param problem why the item was not acknowledged
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ItemResult(
      int index,
      @Nullable String eventId,
      int status,
      String outcome,
      @Nullable Integer partition,
      @Nullable Long offset,
      @Nullable ItemProblem problem) {}

  /**
   * An RFC 9457 problem for one item.
   *
   * @param type stable problem type
   * @param title short summary
   * @param status the item's status
   * @param detail what is wrong
   * @param errors the offending field, for validation problems
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ItemProblem(
      URI type, String title, int status, String detail, @Nullable List<InvalidField> errors) {}

  /** The response for these per-item results, counted by outcome. */
  static BulkResponse of(List<ItemResult> results) {
    return new BulkResponse(
        count(results, "accepted"), count(results, "rejected"), count(results, "failed"), results);
  }

  private static int count(List<ItemResult> results, String outcome) {
    return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
  }

  boolean allAccepted() {
    return rejected == 0 && failed == 0;
  }
}
