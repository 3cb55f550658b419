/** The scope consumer-service's read API needs, for the shared API security. */
@NullMarked
package io.userevents.consumer.security;

import org.jspecify.annotations.NullMarked;
