/** The ingest API: HTTP requests in, acknowledged {@code UserEvent} records out. */
@NullMarked
package io.userevents.producer.ingest;

import org.jspecify.annotations.NullMarked;
