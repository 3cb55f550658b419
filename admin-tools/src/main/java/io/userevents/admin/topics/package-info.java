/**
 * {@code kafka-admin topics}: desired state from topics.yaml, plan diffing, apply and describe.
 * Non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.userevents.admin.topics;

import org.jspecify.annotations.NullMarked;
