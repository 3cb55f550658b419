package io.userevents.consumer.database;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts that turn a database that hangs (no answer, no error) into a failure within bounded
 * time, bound from {@code userevents.consumer.database.*}; zero turns one off.
 *
 * @param statementTimeout longest a statement may run, lock waits included (PostgreSQL {@code
 *     statement_timeout}, H2 {@code QUERY_TIMEOUT})
 * @param socketTimeout longest wait for any answer from a PostgreSQL server (pgjdbc {@code
 *     socketTimeout}); an embedded H2 database has no socket
 */
@ConfigurationProperties("userevents.consumer.database")
public record DatabaseTimeoutSettings(
    @DefaultValue("10s") @NotNull Duration statementTimeout,
    @DefaultValue("30s") @NotNull Duration socketTimeout) {}
