package io.userevents.service.health;

import java.util.List;

/**
 * The topics a service needs, by name. A service declares one bean of it (from its own topic
 * settings, so the names cannot drift from what it reads or writes); service-support then checks
 * them at start-up and in the {@code topics} health component ({@link TopicCheck}).
 *
 * @param names the topics, in the order they are reported
 */
public record RequiredTopics(List<String> names) {

  public RequiredTopics {
    names = List.copyOf(names);
  }

  /** The topics {@code names}. */
  public static RequiredTopics of(String... names) {
    return new RequiredTopics(List.of(names));
  }
}
