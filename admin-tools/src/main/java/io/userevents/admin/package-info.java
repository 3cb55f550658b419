/**
 * The {@code kafka-admin} command line entry point. Non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.userevents.admin;

import org.jspecify.annotations.NullMarked;
