/**
 * Who may read the projection: OAuth2 bearer JWTs with scope {@code users:read}, when configured.
 */
@NullMarked
package io.userevents.consumer.security;

import org.jspecify.annotations.NullMarked;
