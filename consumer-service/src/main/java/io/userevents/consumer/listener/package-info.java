/**
 * The Kafka side: the batch listener, error handling with retries and the dead-letter topic, and
 * the consumer metrics.
 */
@NullMarked
package io.userevents.consumer.listener;

import org.jspecify.annotations.NullMarked;
