/** Health of the listener containers (Kafka and the topic check come from service-support). */
@NullMarked
package io.userevents.consumer.health;

import org.jspecify.annotations.NullMarked;
