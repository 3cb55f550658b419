/**
 * Shared command-line plumbing: common options, client settings, exit codes, output and errors.
 * Non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package io.userevents.admin.cli;

import org.jspecify.annotations.NullMarked;
