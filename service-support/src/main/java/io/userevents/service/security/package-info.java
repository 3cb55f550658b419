/**
 * API security of both services: bearer JWTs whose issuer and audience are validated, or open mode
 * chosen explicitly, never by accident; each service contributes its {@link
 * io.userevents.service.security.ApiAccessRules}; a per-client rate limit.
 */
@NullMarked
package io.userevents.service.security;

import org.jspecify.annotations.NullMarked;
