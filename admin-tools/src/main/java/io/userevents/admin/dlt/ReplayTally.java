package io.userevents.admin.dlt;

import io.userevents.admin.dlt.ReplayReport.Entry;
import io.userevents.admin.dlt.ReplayReport.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of a replay run and the matched records, turned into a {@link ReplayReport}. */
final class ReplayTally {

  private long scanned;
  private long matched;
  private long replayed;
  private long refused;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Long> exceptions = new TreeMap<>();

  void scanned() {
    scanned++;
  }

  void matched(Entry entry) {
    matched++;
    entries.add(entry);
    exceptions.merge(entry.exceptionClass(), 1L, Long::sum);
    if (entry.outcome() == Outcome.REFUSED) {
      refused++;
    } else {
      replayed++;
    }
  }

  boolean limitReached(ReplayRequest request) {
    return request.limit() > 0 && matched >= request.limit();
  }

  ReplayReport report(ReplayRequest request, String group, ReplayProgress progress) {
    return new ReplayReport(
        request.dltTopic(),
        group,
        request.dryRun(),
        new TreeMap<>(progress.startOffsets()),
        new TreeMap<>(progress.endOffsets()),
        scanned,
        matched,
        replayed,
        refused,
        exceptions,
        entries);
  }
}
