/**
 * The user projection: rules that fold events into user rows, the JDBC store, and the read side.
 * Applying events and recording their ids happen in one transaction.
 */
@NullMarked
package io.userevents.consumer.projection;

import org.jspecify.annotations.NullMarked;
