/** Health indicators for the broker and the listener containers. */
@NullMarked
package io.userevents.consumer.health;

import org.jspecify.annotations.NullMarked;
