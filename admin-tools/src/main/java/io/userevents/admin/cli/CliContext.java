package io.userevents.admin.cli;

import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command may read from its surroundings: the environment (for {@code
 * KAFKA_BOOTSTRAP_SERVERS} and placeholders in topics.yaml) and the clock. Tests pass their own.
 */
public record CliContext(Map<String, String> env, Clock clock) {

  public CliContext {
    env = Map.copyOf(env);
  }

  public static CliContext system() {
    return new CliContext(System.getenv(), Clock.systemUTC());
  }

  /** The context of the command line {@code spec} belongs to. */
  public static CliContext of(CommandSpec spec) {
    if (spec.root().userObject() instanceof Provider provider) {
      return provider.context();
    }
    return system();
  }

  /** Implemented by the root command, which holds the context. */
  public interface Provider {
    CliContext context();
  }
}
