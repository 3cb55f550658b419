/**
 * RFC 9457 problem details for both services: one catalog of type URIs ({@link
 * io.userevents.service.problem.ProblemType}), one way to build a problem ({@link
 * io.userevents.service.problem.Problems}) and one writer that finishes and serializes every
 * problem body ({@link io.userevents.service.problem.ProblemResponseWriter}).
 */
@NullMarked
package io.userevents.service.problem;

import org.jspecify.annotations.NullMarked;
