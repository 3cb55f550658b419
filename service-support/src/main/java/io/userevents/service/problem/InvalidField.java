package io.userevents.service.problem;

/**
 * One entry of the {@code errors} extension of a validation problem.
 *
 * @param field the wire name of the offending field, parameter or header
 * @param message what is wrong with it
 */
public record InvalidField(String field, String message) {}
