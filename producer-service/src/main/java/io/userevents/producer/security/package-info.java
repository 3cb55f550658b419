/** The scopes producer-service's write endpoints need, for the shared API security. */
@NullMarked
package io.userevents.producer.security;

import org.jspecify.annotations.NullMarked;
