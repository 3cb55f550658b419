/** Timeouts of the database connections, so that a database that hangs fails in bounded time. */
@NullMarked
package io.userevents.consumer.database;

import org.jspecify.annotations.NullMarked;
