-- The user projection and the idempotency log. Portable: runs on PostgreSQL and on H2 (MODE=PostgreSQL).

CREATE TABLE users (
    user_id       VARCHAR(128)             NOT NULL PRIMARY KEY,
    username      VARCHAR(50),
    email         VARCHAR(254),
    status        VARCHAR(16)              NOT NULL,
    last_event_id VARCHAR(128)             NOT NULL,
    last_event_ts TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_status_check CHECK (status IN ('ACTIVE', 'DELETED'))
);

CREATE INDEX users_status_idx ON users (status, user_id);

-- One row per event that took effect (or was found stale). The primary key makes a second
-- application of the same event impossible.
CREATE TABLE processed_events (
    event_id   VARCHAR(128)             NOT NULL PRIMARY KEY,
    user_id    VARCHAR(128)             NOT NULL,
    event_type VARCHAR(16)              NOT NULL,
    event_ts   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome    VARCHAR(16)              NOT NULL,
    applied_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX processed_events_user_idx ON processed_events (user_id, event_ts);
