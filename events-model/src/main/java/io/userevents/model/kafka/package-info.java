/**
 * Plain kafka-clients serializers for {@link io.userevents.model.UserEvent}. They are bound to that
 * one type and never read a class name from a header. Needs {@code kafka-clients} on the class path
 * (an optional dependency of this jar). Everything is non-null unless annotated.
 */
@NullMarked
package io.userevents.model.kafka;

import org.jspecify.annotations.NullMarked;
