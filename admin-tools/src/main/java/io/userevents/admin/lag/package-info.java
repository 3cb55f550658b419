/**
 * {@code kafka-admin lag}: consumer lag in records and seconds, Nagios verdicts, renderers.
 * Non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.userevents.admin.lag;

import org.jspecify.annotations.NullMarked;
