/** RFC 9457 problem details: every error a client sees, with stable type URIs. */
@NullMarked
package io.userevents.producer.problem;

import org.jspecify.annotations.NullMarked;
