/** The Kafka health indicator both services put in their readiness group. */
@NullMarked
package io.userevents.service.health;

import org.jspecify.annotations.NullMarked;
