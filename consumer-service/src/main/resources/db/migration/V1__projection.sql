-- The user projection and the idempotency log. Portable: runs on PostgreSQL and on H2 (MODE=PostgreSQL).

CREATE TABLE users (
    user_id       VARCHAR(128)             NOT NULL PRIMARY KEY,
    username      VARCHAR(50),
    email         VARCHAR(254),
    status        VARCHAR(16)              NOT NULL,
    last_event_id VARCHAR(128)             NOT NULL,
    last_event_ts TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
-- status is ACTIVE or DELETED (io.userevents.consumer.projection.UserStatus). No CHECK constraint:
-- H2 2.4.240 fails every CHECK with "Check constraint invalid" once the session that created it
-- has closed (for example when the pool retires Flyway's connection).

CREATE INDEX users_status_idx ON users (status, user_id);

-- One row per event that took effect or was found stale, written in the same transaction as the
-- change. The primary key makes a second application of the same event impossible. Kept narrow on
-- purpose: it is written once per event and is most of the projection's write volume.
CREATE TABLE processed_events (
    event_id   VARCHAR(128)             NOT NULL PRIMARY KEY,
    applied_at TIMESTAMP WITH TIME ZONE NOT NULL
);
