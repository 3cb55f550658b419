package io.userevents.admin.testsupport;

import io.userevents.admin.KafkaAdminCli;
import io.userevents.admin.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code kafka-admin} in-process and captures exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun run(String... args) {
    return run(Map.of(), Clock.systemUTC(), args);
  }

  public static CliRun run(Map<String, String> env, String... args) {
    return run(env, Clock.systemUTC(), args);
  }

  public static CliRun run(Map<String, String> env, Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = KafkaAdminCli.commandLine(new CliContext(env, clock));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
  }
}
