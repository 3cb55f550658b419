/** OAuth2 resource server for the write endpoints, or open access with a loud warning. */
@NullMarked
package io.userevents.producer.security;

import org.jspecify.annotations.NullMarked;
