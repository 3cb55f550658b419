/**
 * Health both services share: the Kafka indicator they put in their readiness group, and the check
 * of the topics each service declares ({@link io.userevents.service.health.RequiredTopics}).
 */
@NullMarked
package io.userevents.service.health;

import org.jspecify.annotations.NullMarked;
