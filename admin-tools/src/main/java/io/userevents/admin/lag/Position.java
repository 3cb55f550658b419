package io.userevents.admin.lag;

import org.apache.kafka.common.TopicPartition;

/** An offset in a partition. */
record Position(TopicPartition partition, long offset) {}
