/** Request plumbing shared by every endpoint: correlation ids, header and body limits. */
@NullMarked
package io.userevents.producer.web;

import org.jspecify.annotations.NullMarked;
