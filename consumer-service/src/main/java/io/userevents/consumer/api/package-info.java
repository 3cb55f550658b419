/** The read API over the projection: {@code /api/users}. */
@NullMarked
package io.userevents.consumer.api;

import org.jspecify.annotations.NullMarked;
