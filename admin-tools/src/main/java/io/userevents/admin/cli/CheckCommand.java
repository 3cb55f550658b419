package io.userevents.admin.cli;

/**
 * Marks a command whose exit code follows the Nagios convention: usage errors and failures exit
 * {@link ExitCodes#CHECK_UNKNOWN}.
 */
public interface CheckCommand {}
