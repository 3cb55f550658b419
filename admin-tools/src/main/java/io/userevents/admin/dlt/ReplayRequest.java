package io.userevents.admin.dlt;

import org.jspecify.annotations.Nullable;

/**
 * A replay run: from {@code dltTopic} to {@code to} (or each record's original topic), the records
 * {@code filter} selects, at most {@code limit} of them (0: no limit), refusing records already
 * replayed {@code maxReplays} times.
 */
record ReplayRequest(
    String dltTopic,
    @Nullable String to,
    ReplayFilter filter,
    boolean dryRun,
    int maxReplays,
    long limit) {}
