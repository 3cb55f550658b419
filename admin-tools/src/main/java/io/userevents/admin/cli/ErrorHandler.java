package io.userevents.admin.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into a message on stderr, a JSON error document on stdout when {@code -o json} was
 * asked for, and an honest exit code: 2 for usage, 1 for errors, 3 (UNKNOWN) for checks.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage());
    if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println(
          "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    err.flush();
    int exitCode = isCheck(cmd) ? ExitCodes.CHECK_UNKNOWN : ExitCodes.USAGE;
    if (wantsJson(cmd, List.of(args))) {
      printJson(cmd, exitCode, "usage", ex, ex.getMessage());
    }
    return exitCode;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    Throwable cause = unwrap(ex);
    String message = describe(cause);
    cmd.getErr().println("error: " + message);
    if (!(cause instanceof CliException) && !(cause instanceof KafkaException)) {
      cause.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    int exitCode = isCheck(cmd) ? ExitCodes.CHECK_UNKNOWN : ExitCodes.ERROR;
    if (wantsJson(cmd, parseResult.originalArgs())) {
      printJson(cmd, exitCode, "error", cause, message);
    }
    return exitCode;
  }

  static String describe(Throwable cause) {
    String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    if (cause instanceof TimeoutException) {
      return message + " (is the cluster reachable? check --bootstrap-server, --timeout)";
    }
    if (cause instanceof KafkaException && !(cause instanceof CliException)) {
      return cause.getClass().getSimpleName() + ": " + message;
    }
    return message;
  }

  private static Throwable unwrap(Throwable ex) {
    Throwable current = ex;
    while ((current instanceof ExecutionException || current instanceof CompletionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static boolean isCheck(CommandLine cmd) {
    return cmd.getCommand() instanceof CheckCommand;
  }

  private static boolean wantsJson(CommandLine cmd, List<String> args) {
    OptionSpec output = cmd.getCommandSpec().findOption("--output");
    if (output != null && output.getValue() == OutputFormat.JSON) {
      return true;
    }
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equalsIgnoreCase("-ojson") || arg.equalsIgnoreCase("--output=json")) {
        return true;
      }
      if ((arg.equals("-o") || arg.equals("--output"))
          && i + 1 < args.size()
          && args.get(i + 1).equalsIgnoreCase("json")) {
        return true;
      }
    }
    return false;
  }

  private static void printJson(
      CommandLine cmd, int exitCode, String kind, Throwable cause, String message) {
    String qualified = cmd.getCommandSpec().qualifiedName();
    String root = cmd.getCommandSpec().root().name() + " ";
    String command = qualified.startsWith(root) ? qualified.substring(root.length()) : qualified;
    Json.print(
        cmd.getOut(),
        new ErrorDocument(
            command,
            exitCode,
            new ErrorDocument.Error(kind, cause.getClass().getSimpleName(), message)));
  }
}
