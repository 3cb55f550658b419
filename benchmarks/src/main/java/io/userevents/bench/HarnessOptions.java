package io.userevents.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a harness run does: quick or full, which rows, and the sizes that follow from the mode.
 *
 * @param quick the quick mode (under 2 minutes) instead of the full one (under 15)
 * @param repetitions how often each row is repeated (at least 3; a quick run may take 1)
 * @param rows the rows to run (1-7)
 * @param repoRoot the repository root, where the service jars are built (see {@code --services})
 * @param resultsDir where {@code latest.md} and {@code latest.json} go
 * @param harnessDir the {@code benchmarks} module folder
 * @param serviceJvmOptions JVM options of every service process the harness starts
 * @param producerArgs extra arguments of producer-service (for experiments; empty by default)
 * @param consumerArgs extra arguments of consumer-service (for experiments; empty by default)
 * @param jfrDir where each service process writes a JFR recording ({@code --jfr=DIR}), or null
 * @param force run a full run even on a busy machine ({@code --force}); its report then says the
 *     numbers are not comparable
 */
public record HarnessOptions(
    boolean quick,
    int repetitions,
    Set<Integer> rows,
    Path repoRoot,
    Path resultsDir,
    Path harnessDir,
    List<String> serviceJvmOptions,
    List<String> producerArgs,
    List<String> consumerArgs,
    @Nullable Path jfrDir,
    boolean force) {

  /**
   * Highest 1-minute load average per core at which a full run starts without {@code --force}:
   * above it other work takes CPU the run needs, and its numbers say more about that work.
   */
  public static final double MAX_LOAD_PER_CORE = 1.0;

  /**
   * What the services' Dockerfiles give them in compose's 512 MB container: half of it as heap, and
   * the serial collector.
   */
  static final List<String> DEFAULT_SERVICE_JVM_OPTIONS =
      List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

  /** Where extracted service jars and their class-data-sharing archives are kept. */
  public Path imageCache() {
    return harnessDir.resolve("target").resolve("service-images");
  }

  /** Events per repetition of row 1 (and of its ProducerPerformance baseline). */
  public int bulkEvents() {
    return quick ? 20_000 : 200_000;
  }

  /** Events per {@code POST /api/events} request. */
  public int bulkBatchSize() {
    return 500;
  }

  /** Concurrent HTTP clients of row 1. */
  public int bulkClients() {
    return 4;
  }

  /** Keep-alive connections of row 2. */
  public int singleConnections() {
    return 32;
  }

  /**
   * Load each side of rows 2 and 2t takes once before its first run (after a {@link
   * #singleWarmup()} of its own), so that the runs measure the JIT-compiled steady state a
   * long-running service is in, not how fast each side compiles its request path.
   */
  public Duration singleInitialWarmup() {
    return Duration.ofSeconds(quick ? 1 : 60);
  }

  /**
   * All the load each side of rows 2 and 2t takes before its first run: its own warm-up, then the
   * window.
   */
  public Duration singleLoadBeforeFirstRun() {
    return singleWarmup().plus(singleInitialWarmup());
  }

  /** Warm-up before each measured window of row 2. */
  public Duration singleWarmup() {
    return Duration.ofSeconds(quick ? 1 : 5);
  }

  /** Measured window of row 2. */
  public Duration singleDuration() {
    return Duration.ofSeconds(quick ? 1 : 15);
  }

  /**
   * Fixed arrival rate of row 3, events per second: 1,000 in a full run; 200 in a quick one, a
   * smoke test that must get through on a busy machine.
   */
  public int e2eRate() {
    return quick ? 200 : 1_000;
  }

  /** Measured window of row 3. */
  public Duration e2eDuration() {
    return Duration.ofSeconds(quick ? 2 : 30);
  }

  /** Shortest warm-up of row 3 at the same rate, not recorded. */
  public Duration e2eWarmup() {
    return Duration.ofSeconds(quick ? 2 : 30);
  }

  /**
   * Longest warm-up of row 3: after {@link #e2eWarmup()} it goes on while the services are still
   * JIT-compiling (see {@link #e2eCompilingBelow()}), up to this long.
   */
  public Duration e2eWarmupMax() {
    return quick ? e2eWarmup() : Duration.ofSeconds(180);
  }

  /** Steps of row 3's warm-up, after each of which the services' JIT compilation is looked at. */
  public Duration e2eWarmupStep() {
    return quick ? e2eWarmup() : Duration.ofSeconds(10);
  }

  /**
   * CPU seconds per {@link #e2eWarmupStep()} that the JIT compiler threads of producer-service and
   * consumer-service may use together for row 3 to count them compiled (0.5 s: 5 % of a core).
   */
  public double e2eCompilingBelow() {
    return 0.5;
  }

  /** Writes per second of row 3b's dense phase (one every 200 ms). */
  public double sparseRate() {
    return 5;
  }

  /** Writes per second of row 3b's sparse phase (one every 2 s). */
  public double sparserRate() {
    return 0.5;
  }

  /** How long each of row 3b's phases runs per repetition. */
  public Duration sparseDuration() {
    return Duration.ofSeconds(quick ? 4 : 20);
  }

  /**
   * consumer-service's listener threads in this run: what {@code
   * --consumer-arg=--userevents.consumer.concurrency=N} sets, else the default of the service's
   * projection store ({@code storeDefault}: 3, or 1 on H2). Row 4's baseline writes with as many,
   * row 5's course consumer listens with as many.
   */
  public int consumerConcurrency(int storeDefault) {
    String prefix = "--userevents.consumer.concurrency=";
    return consumerArgs.stream()
        .filter(arg -> arg.startsWith(prefix))
        .reduce((a, b) -> b)
        .map(arg -> Integer.parseInt(arg.substring(prefix.length())))
        .orElse(storeDefault);
  }

  /** Events pre-filled for rows 4 and 5. */
  public int drainEvents() {
    return quick ? 10_000 : 500_000;
  }

  /**
   * Longest a drain run of rows 4 and 5 is timed (after its first commit); a consumer slower than
   * {@code drainEvents / drainTimeBox} is measured on the part it drained in that time.
   */
  public Duration drainTimeBox() {
    return Duration.ofSeconds(quick ? 4 : 40);
  }

  /** Parses {@code --quick}, {@code --rows=1,2}, {@code --repetitions=N}, {@code --out=DIR}. */
  public static HarnessOptions parse(String[] args, Path repoRoot) {
    boolean quick = false;
    int repetitions = 3;
    Set<Integer> rows = new LinkedHashSet<>(List.of(6, 1, 2, 3, 4, 5, 7));
    Path harness = repoRoot.resolve("benchmarks").toAbsolutePath();
    Path out = harness.resolve("results");
    repoRoot = repoRoot.toAbsolutePath();
    List<String> jvm = DEFAULT_SERVICE_JVM_OPTIONS;
    List<String> producerArgs = new ArrayList<>();
    List<String> consumerArgs = new ArrayList<>();
    Path jfr = null;
    boolean force = false;
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.equals("--force")) {
        force = true;
      } else if (arg.equals("--full")) {
        quick = false;
      } else if (arg.startsWith("--rows=")) {
        rows = new LinkedHashSet<>();
        for (String row : arg.substring("--rows=".length()).split(",")) {
          rows.add(Integer.parseInt(row.trim()));
        }
      } else if (arg.startsWith("--repetitions=")) {
        repetitions = Integer.parseInt(arg.substring("--repetitions=".length()));
      } else if (arg.startsWith("--out=")) {
        out = Path.of(arg.substring("--out=".length()));
      } else if (arg.startsWith("--services=")) {
        repoRoot = Path.of(arg.substring("--services=".length()));
      } else if (arg.startsWith("--jfr=")) {
        jfr = Path.of(arg.substring("--jfr=".length())).toAbsolutePath();
      } else if (arg.startsWith("--producer-arg=")) {
        producerArgs.add(arg.substring("--producer-arg=".length()));
      } else if (arg.startsWith("--consumer-arg=")) {
        consumerArgs.add(arg.substring("--consumer-arg=".length()));
      } else if (arg.startsWith("--service-jvm-options=")) {
        jvm = List.of(arg.substring("--service-jvm-options=".length()).trim().split("\\s+"));
      } else {
        throw new IllegalArgumentException(
            "unknown option "
                + arg
                + "; use --quick | --full, --rows=1,2,..., --repetitions=N (>= 3), --out=DIR,"
                + " --services=REPO (where */target holds the service jars),"
                + " --service-jvm-options='-Xmx256m ...', --producer-arg=--some.property=value,"
                + " --consumer-arg=--some.property=value, --jfr=DIR (profile every service),"
                + " --force (a full run on a busy machine, marked not comparable)");
      }
    }
    if (repetitions < (quick ? 1 : 3)) {
      throw new IllegalArgumentException(
          "--repetitions must be at least 3 (at least 1 with --quick, a smoke test)");
    }
    return new HarnessOptions(
        quick,
        repetitions,
        rows,
        repoRoot,
        out,
        harness,
        jvm,
        producerArgs,
        consumerArgs,
        jfr,
        force);
  }
}
