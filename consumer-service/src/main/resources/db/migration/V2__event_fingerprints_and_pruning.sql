-- The fingerprint tells a redelivery (same content) from another event that reuses an id
-- (EVENT_ID_CONFLICT); ids recorded before this migration have none and count as redeliveries.
-- The index on applied_at lets the pruner delete old ids in small batches without a scan.
-- Runs on PostgreSQL and on H2 in any mode.

ALTER TABLE processed_events ADD COLUMN fingerprint VARCHAR(64);

CREATE INDEX processed_events_applied_at_idx ON processed_events (applied_at);
