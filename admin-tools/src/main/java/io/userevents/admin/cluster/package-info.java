/**
 * {@code kafka-admin cluster health}: broker and partition health checks. Non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.userevents.admin.cluster;

import org.jspecify.annotations.NullMarked;
