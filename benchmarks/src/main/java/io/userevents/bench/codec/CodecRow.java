package io.userevents.bench.codec;

import io.userevents.bench.HarnessOptions;
import io.userevents.bench.report.RowResult;
import io.userevents.bench.report.Samples;
import io.userevents.bench.support.SampleEvents;
import io.userevents.model.UserEvent;
import io.userevents.model.UserEventCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/** Row 6: runs {@link CodecBenchmark} with JMH, one fork per repetition. */
public final class CodecRow {

  private final HarnessOptions options;

  public CodecRow(HarnessOptions options) {
    this.options = options;
  }

  public RowResult run() throws RunnerException {
    Samples ours = measure("ours");
    Samples spring = measure("spring");
    Samples ratio = ours.dividedBy(spring);
    UserEvent event = SampleEvents.created(4242);
    int ourSize = UserEventCodec.create().encode(event).length;
    int springSize;
    try (JacksonJsonSerializer<UserEvent> serializer = new JacksonJsonSerializer<>()) {
      springSize = serializer.serialize(CodecBenchmark.TOPIC, new RecordHeaders(), event).length;
    }
    return new RowResult(
        "6",
        "codec: serialize+deserialize round trip (JMH, with record headers)",
        "ops/s",
        ours,
        spring,
        "Spring Kafka JacksonJsonSerializer/Deserializer",
        ratio,
        "ratio >= 1.0",
        RowResult.atLeast(ratio, 1.0),
        List.of(
            "JMH "
                + (options.quick() ? "1x0.5 s warm-up, 2x0.5 s" : "3x2 s warm-up, 5x2 s")
                + " measurement per fork, "
                + options.repetitions()
                + " forks per side; one fork = one repetition.",
            "Same event for both: "
                + ourSize
                + " bytes as events-model writes it (plus 8 CloudEvents headers), "
                + springSize
                + " bytes as Spring's serializer writes it (plus its __TypeId__ header)."));
  }

  private Samples measure(String method) throws RunnerException {
    boolean quick = options.quick();
    Options jmh =
        new OptionsBuilder()
            .include(CodecBenchmark.class.getName() + "\\." + method + "$")
            .forks(options.repetitions())
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(2))
            .measurementIterations(quick ? 2 : 5)
            .measurementTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(2))
            .threads(1)
            .jvmArgsAppend("-Xms512m", "-Xmx512m")
            .verbosity(VerboseMode.SILENT)
            .shouldFailOnError(true)
            .build();
    List<Double> perFork = new ArrayList<>();
    for (RunResult result : new Runner(jmh).run()) {
      for (BenchmarkResult fork : result.getBenchmarkResults()) {
        perFork.add(fork.getPrimaryResult().getScore());
      }
    }
    return Samples.of(perFork);
  }
}
