/**
 * {@code kafka-admin dlt replay}: re-publishing Spring Kafka dead letters. Non-null unless
 * annotated {@code @Nullable}.
 */
@NullMarked
package io.userevents.admin.dlt;

import org.jspecify.annotations.NullMarked;
