package io.userevents.admin.lag;

import io.userevents.admin.cli.CheckCommand;
import io.userevents.admin.cli.CliContext;
import io.userevents.admin.cli.ClientSettings;
import io.userevents.admin.cli.CommonOptions;
import io.userevents.admin.cli.DurationConverter;
import io.userevents.admin.cli.Json;
import io.userevents.admin.cluster.ClusterGauges;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kafka-admin lag}: consumer lag in records and seconds, with Nagios exit codes. */
@Command(
    name = "lag",
    description = {
      "Consumer group lag in records and seconds (Nagios exit codes).",
      "CURRENT-OFFSET, LOG-END-OFFSET and LAG mean what they mean in",
      "kafka-consumer-groups.sh --describe. LAG-SECONDS is now minus the timestamp",
      "of the record at the committed offset (0 when caught up)."
    },
    exitCodeListHeading = "%nExit codes (Nagios):%n",
    exitCodeList = {
      "0:OK",
      "1:WARNING: a partition is above --warn-lag or --warn-seconds",
      "2:CRITICAL: a partition is above --crit-lag or --crit-seconds",
      "3:UNKNOWN: a group or offset could not be read, or a usage error"
    })
public final class LagCommand implements Callable<Integer>, CheckCommand {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @ArgGroup(multiplicity = "1")
  Selection selection;

  static final class Selection {
    @Option(
        names = {"-g", "--group"},
        paramLabel = "GROUP",
        required = true,
        description = "Consumer group (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--all-groups", required = true, description = "Every consumer group.")
    boolean all;
  }

  @Option(names = "--warn-lag", paramLabel = "RECORDS", description = "WARNING above this lag.")
  @Nullable Long warnLag;

  @Option(names = "--crit-lag", paramLabel = "RECORDS", description = "CRITICAL above this lag.")
  @Nullable Long critLag;

  @Option(
      names = "--warn-seconds",
      paramLabel = "SECONDS",
      description = "WARNING above this time lag.")
  @Nullable Long warnSeconds;

  @Option(
      names = "--crit-seconds",
      paramLabel = "SECONDS",
      description = "CRITICAL above this time lag.")
  @Nullable Long critSeconds;

  @Option(
      names = "--serve",
      description = {
        "Keep running: serve the Prometheus metrics on /metrics and /health,",
        "recomputed every --interval."
      })
  boolean serve;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "With --serve: time between two rounds. Default: 15s.")
  @Nullable Duration interval;

  @Option(
      names = "--stall-after",
      paramLabel = "ROUNDS",
      description = "With --serve: rounds without a commit while behind until stalled. Default: 4.")
  @Nullable Integer stallAfter;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "With --serve: HTTP port (0: any free port). Default: 8192.")
  @Nullable Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "With --serve: address to listen on. Default: 127.0.0.1.")
  @Nullable String bind;

  @Override
  public Integer call() {
    LagThresholds thresholds = thresholds();
    ExporterSettings exporter = exporterSettings();
    CliContext context = CliContext.of(spec);
    ClientSettings settings = common.clientSettings(context);
    LagReport report;
    try (Admin admin = settings.admin();
        Consumer<byte[], byte[]> reader = settings.consumer(null)) {
      LagService service = new LagService(admin, reader, context.clock(), common.timeout());
      if (exporter != null) {
        Supplier<String> cluster = () -> ClusterGauges.prometheus(admin, common.timeout());
        return serve(service, cluster, thresholds, context, exporter);
      }
      report = LagReport.of(service.lag(groups(service)), thresholds);
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (common.output()) {
      case JSON -> Json.print(out, LagRenderer.json(report));
      case PROMETHEUS -> LagRenderer.prometheus(report, out);
      default -> LagRenderer.table(report, out);
    }
    out.flush();
    for (GroupLag group : report.groups()) {
      if (group.error() != null) {
        spec.commandLine().getErr().printf("UNKNOWN: %s%n", group.error());
      }
    }
    spec.commandLine().getErr().flush();
    return report.status().exitCode();
  }

  private List<String> groups(LagService service) {
    return selection.all ? service.allGroups() : selection.groups;
  }

  private int serve(
      LagService service,
      Supplier<String> cluster,
      LagThresholds thresholds,
      CliContext context,
      ExporterSettings settings) {
    CountDownLatch stopped = new CountDownLatch(1);
    try (LagExporter exporter =
            new LagExporter(service, this::groups, cluster, thresholds, context.clock(), settings);
        MetricsServer server = MetricsServer.start(settings.address(), exporter::snapshot)) {
      exporter.start();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      spec.commandLine()
          .getErr()
          .printf("Serving lag on http://%s/metrics%n", hostPort(server.address()));
      spec.commandLine().getErr().flush();
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /** The exporter's settings with --serve, null without (then its options are refused). */
  @Nullable ExporterSettings exporterSettings() {
    if (!serve) {
      if (interval != null || stallAfter != null || port != null || bind != null) {
        throw common.usage("--interval, --stall-after, --port and --bind need --serve");
      }
      return null;
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--output")) {
      throw common.usage("--serve always serves the Prometheus format; drop -o");
    }
    Duration every = interval == null ? Duration.ofSeconds(15) : interval;
    int rounds = stallAfter == null ? 4 : stallAfter;
    int listen = port == null ? 8192 : port;
    if (every.isZero() || every.isNegative()) {
      throw common.usage("--interval must be positive");
    }
    if (rounds < 1) {
      throw common.usage("--stall-after must be at least 1");
    }
    if (listen < 0 || listen > 65_535) {
      throw common.usage("--port must be between 0 and 65535");
    }
    String host = bind == null ? "127.0.0.1" : bind;
    return new ExporterSettings(new InetSocketAddress(host, listen), every, rounds);
  }

  LagThresholds thresholds() {
    check("--warn-lag", warnLag);
    check("--crit-lag", critLag);
    check("--warn-seconds", warnSeconds);
    check("--crit-seconds", critSeconds);
    if (warnLag != null && critLag != null && warnLag > critLag) {
      throw common.usage("--warn-lag " + warnLag + " is above --crit-lag " + critLag);
    }
    if (warnSeconds != null && critSeconds != null && warnSeconds > critSeconds) {
      throw common.usage(
          "--warn-seconds " + warnSeconds + " is above --crit-seconds " + critSeconds);
    }
    return new LagThresholds(warnLag, critLag, warnSeconds, critSeconds);
  }

  private void check(String option, @Nullable Long value) {
    if (value != null && value < 0) {
      throw common.usage(option + " must not be negative");
    }
  }
}
