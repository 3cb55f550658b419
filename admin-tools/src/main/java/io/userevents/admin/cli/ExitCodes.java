package io.userevents.admin.cli;

/**
 * Exit codes of {@code kafka-admin}. Ordinary commands use {@link #OK}, {@link #ERROR} and {@link
 * #USAGE}; {@code topics plan --detailed-exitcode} adds {@link #CHANGES_PENDING}. The checks
 * ({@code lag}, {@code cluster health}) follow the Nagios plugin convention instead: {@link
 * #CHECK_OK}, {@link #CHECK_WARNING}, {@link #CHECK_CRITICAL}, {@link #CHECK_UNKNOWN}, and report a
 * usage error or a failure to reach the cluster as UNKNOWN, never as a WARNING or CRITICAL state.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;
  public static final int CHANGES_PENDING = 2;

  public static final int CHECK_OK = 0;
  public static final int CHECK_WARNING = 1;
  public static final int CHECK_CRITICAL = 2;
  public static final int CHECK_UNKNOWN = 3;

  private ExitCodes() {}
}
