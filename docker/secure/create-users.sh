#!/usr/bin/env bash
# Creates (or updates) the SCRAM-SHA-512 users of docker/compose.secure.yaml, connecting over
# mutual TLS as the broker's own super user. Passwords come from docker/.env. Each user's ACLs are
# in admin-tools/topics.yaml (topics-init applies them).
set -euo pipefail
config=/certs/broker-client.properties
add_user() {
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka:19093 --command-config "$config" \
    --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}
add_user admin "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD in docker/.env}"
add_user producer-service "${KAFKA_PRODUCER_PASSWORD:?set KAFKA_PRODUCER_PASSWORD in docker/.env}"
add_user consumer-service "${KAFKA_CONSUMER_PASSWORD:?set KAFKA_CONSUMER_PASSWORD in docker/.env}"
add_user kafka-ui "${KAFKA_UI_KAFKA_PASSWORD:?set KAFKA_UI_KAFKA_PASSWORD in docker/.env}"
add_user kafka-admin-lag "${KAFKA_LAG_PASSWORD:?set KAFKA_LAG_PASSWORD in docker/.env}"
add_user kafka-admin-replay "${KAFKA_REPLAY_PASSWORD:?set KAFKA_REPLAY_PASSWORD in docker/.env}"
