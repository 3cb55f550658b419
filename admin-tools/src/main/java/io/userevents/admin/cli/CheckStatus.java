package io.userevents.admin.cli;

/** Result of a check command, ordered from best to worst; the exit code follows Nagios. */
public enum CheckStatus {
  OK(ExitCodes.CHECK_OK),
  UNKNOWN(ExitCodes.CHECK_UNKNOWN),
  WARNING(ExitCodes.CHECK_WARNING),
  CRITICAL(ExitCodes.CHECK_CRITICAL);

  private final int exitCode;

  CheckStatus(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The worse of two statuses: CRITICAL over WARNING over UNKNOWN over OK. */
  public CheckStatus worst(CheckStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
