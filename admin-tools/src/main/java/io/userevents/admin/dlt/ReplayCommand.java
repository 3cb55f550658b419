package io.userevents.admin.dlt;

import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.ClientSettings;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.DurationConverter;
import io.userevents.admin.cli.ExitCodes;
import io.userevents.admin.cli.Json;
import io.userevents.admin.cli.OutputFormat;
import io.userevents.admin.cli.Table;
import io.userevents.admin.dlt.ReplayReport.Entry;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kafka-admin dlt replay}: re-publishes dead letters to where they came from. */
@Command(
    name = "replay",
    description = {
      "Re-publish dead letters to the topic they came from.",
      "Publishes each record to its original topic (Spring Kafka's header",
      "kafka_dlt-original-topic) or to --to, keeping key, value and headers and",
      "adding kafka-admin-replay-count. Progress is committed in consumer group",
      "--group, so a second run continues where the first stopped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (records refused by the loop guard are listed and warned about)",
      "1:error (a batch that failed to publish is not committed and is retried next run)",
      "2:usage error"
    })
final class ReplayCommand implements Callable<Integer> {

  static final String DEFAULT_DLT = "user-events-dlt";

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(
      names = "--from",
      paramLabel = "TOPIC",
      defaultValue = DEFAULT_DLT,
      description = "Dead-letter topic to read. Default: ${DEFAULT-VALUE}.")
  String dltTopic = DEFAULT_DLT;

  @Option(
      names = "--to",
      paramLabel = "TOPIC",
      description = "Publish here instead of each record's original topic.")
  @Nullable String to;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "Consumer group holding replay progress. Default: kafka-admin-replay-<topic>.")
  @Nullable String group;

  @Option(names = "--partition", paramLabel = "N", description = "Only this DLT partition.")
  @Nullable Integer partition;

  @Option(names = "--from-offset", paramLabel = "OFFSET", description = "First offset (inclusive).")
  @Nullable Long fromOffset;

  @Option(names = "--to-offset", paramLabel = "OFFSET", description = "Last offset (inclusive).")
  @Nullable Long toOffset;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "Dead-lettered at or after TIME (ISO instant, or a duration ago: 2h, 30m).")
  @Nullable String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Dead-lettered before TIME (ISO instant, or a duration ago).")
  @Nullable String until;

  @Option(names = "--key", paramLabel = "KEY", description = "Only records with this key.")
  @Nullable String key;

  @Option(
      names = "--exception-class",
      paramLabel = "CLASS",
      description = "Only records that failed with CLASS (full or simple name; cause included).")
  @Nullable String exceptionClass;

  @Option(
      names = "--dry-run",
      description = "List what would be replayed, with a histogram of exception classes.")
  boolean dryRun;

  @Option(
      names = "--max-rate",
      paramLabel = "PER_SECOND",
      description = "Publish at most this many records per second.")
  @Nullable Double maxRate;

  @Option(
      names = "--max-replays",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Loop guard: refuse records already replayed N times. Default: ${DEFAULT-VALUE}.")
  int maxReplays = 3;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N matching records.")
  long limit;

  @Override
  public Integer call() {
    common.requireOutput(OutputFormat.TABLE, OutputFormat.JSON);
    CliContext context = CliContext.of(spec);
    ReplayFilter filter = filter(context);
    validate();
    String progressGroup = group == null ? "kafka-admin-replay-" + dltTopic : group;
    ReplayRequest request = new ReplayRequest(dltTopic, to, filter, dryRun, maxReplays, limit);
    ClientSettings settings = common.clientSettings(context);
    ReplayReport report;
    try (Consumer<byte[], byte[]> consumer = settings.consumer(progressGroup);
        Producer<byte[], byte[]> producer = dryRun ? null : settings.producer()) {
      Throttle throttle = maxRate == null ? Throttle.unlimited() : Throttle.perSecond(maxRate);
      report =
          new ReplayService(consumer, producer, progressGroup, throttle, common.timeout())
              .replay(request);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (common.output() == OutputFormat.JSON) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("command", "dlt replay");
      document.put("report", report);
      Json.print(out, document);
    } else {
      print(report, out);
    }
    out.flush();
    if (report.refused() > 0) {
      spec.commandLine()
          .getErr()
          .printf(
              "warning: %d record(s) refused and passed over (see REFUSED rows);"
                  + " replay them with --from-offset/--to-offset and a new --group%n",
              report.refused());
    }
    return ExitCodes.OK;
  }

  private void validate() {
    if (to != null && to.equals(dltTopic)) {
      throw common.usage("--to must differ from the dead-letter topic " + dltTopic);
    }
    if (fromOffset != null && toOffset != null && fromOffset > toOffset) {
      throw common.usage("--from-offset " + fromOffset + " is after --to-offset " + toOffset);
    }
    if (maxRate != null && maxRate <= 0) {
      throw common.usage("--max-rate must be positive");
    }
    if (maxReplays < 1) {
      throw common.usage("--max-replays must be at least 1");
    }
    if (limit < 0 || (partition != null && partition < 0)) {
      throw common.usage("--limit and --partition must not be negative");
    }
  }

  private ReplayFilter filter(CliContext context) {
    Instant now = context.clock().instant();
    Instant from = time("--since", since, now);
    Instant before = time("--until", until, now);
    if (from != null && before != null && !from.isBefore(before)) {
      throw common.usage("--since must be before --until");
    }
    return new ReplayFilter(partition, fromOffset, toOffset, from, before, key, exceptionClass);
  }

  private @Nullable Instant time(String option, @Nullable String value, Instant now) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return now.minus(DurationConverter.parse(value));
      } catch (RuntimeException notADuration) {
        throw common.usage(
            option + " '" + value + "' is neither an ISO instant nor a duration (e.g. 2h)");
      }
    }
  }

  private static void print(ReplayReport report, PrintWriter out) {
    if (!report.records().isEmpty()) {
      Table table =
          new Table(
              "PARTITION",
              "OFFSET",
              "TIMESTAMP",
              "KEY",
              "EXCEPTION",
              "REPLAYS",
              "TARGET",
              "OUTCOME");
      for (Entry entry : report.records()) {
        table.row(
            entry.partition(),
            entry.offset(),
            entry.timestamp(),
            entry.key(),
            entry.exceptionClass(),
            entry.replayCount(),
            entry.target(),
            entry.reason() == null ? entry.outcome() : entry.outcome() + ": " + entry.reason());
      }
      table.print(out);
      out.println();
    }
    if (!report.exceptions().isEmpty()) {
      out.println("Exception classes:");
      long width = String.valueOf(report.matched()).length();
      report
          .exceptions()
          .forEach((name, count) -> out.printf("  %" + width + "d  %s%n", count, name));
      out.println();
    }
    String starts =
        report.startOffsets().entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue())
            .collect(Collectors.joining(", "));
    out.printf(
        "%s %s (group %s, started at partition:offset %s): scanned %d, matched %d, %s %d,"
            + " refused %d.%n",
        report.dryRun() ? "Dry run of" : "Replayed from",
        report.dltTopic(),
        report.group(),
        starts,
        report.scanned(),
        report.matched(),
        report.dryRun() ? "would replay" : "replayed",
        report.replayed(),
        report.refused());
    if (report.dryRun()) {
      out.println("Nothing was published and no progress was committed.");
    }
  }
}
