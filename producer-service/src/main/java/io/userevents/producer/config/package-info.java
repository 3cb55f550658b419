/** Typed settings and the wiring of Kafka, Jackson and health for producer-service. */
@NullMarked
package io.userevents.producer.config;

import org.jspecify.annotations.NullMarked;
