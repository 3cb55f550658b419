/**
 * The {@code UserEvent} contract shared by every service of the pipeline: the versioned record, its
 * JSON wire format ({@link io.userevents.model.UserEventCodec}) and the errors a reader can act on.
 * Everything in this package is non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.userevents.model;

import org.jspecify.annotations.NullMarked;
