package io.userevents.service.health;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka health check.
 *
 * @param timeout how long {@code describeCluster} may take (also the admin client's request and API
 *     timeouts) before Kafka is reported DOWN
 */
@ConfigurationProperties("userevents.health.kafka")
@Validated
public record KafkaHealthProperties(@DefaultValue("5s") @NotNull Duration timeout) {}
