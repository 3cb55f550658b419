package io.userevents.producer.problem;

/**
 * One entry of the {@code errors} extension of a validation problem.
 *
 * @param field the wire name of the offending field (or header)
 * @param message what is wrong with it
 */
public record InvalidField(String field, String message) {}
