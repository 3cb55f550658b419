package io.userevents.service.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic settings of both services, bound from {@code userevents.topics.*}.
 *
 * @param create whether the service creates its topics when they are missing; off by default so
 *     that production topics come from one place ({@code kafka-admin topics apply} with {@code
 *     admin-tools/topics.yaml}); {@code ./run-local}, local-stack and the tests turn it on
 */
@ConfigurationProperties("userevents.topics")
public record TopicsProperties(@DefaultValue("false") boolean create) {}
