package io.userevents.admin.lag;

import java.net.InetSocketAddress;
import java.time.Duration;

/** How {@code lag --serve} runs: where it listens, how often it reads, when a group is stalled. */
record ExporterSettings(InetSocketAddress address, Duration interval, int stallAfter) {}
