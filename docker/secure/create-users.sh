#!/usr/bin/env bash
# Creates (or updates) the SCRAM-SHA-512 users of docker/compose.secure.yaml, connecting over
# mutual TLS as the broker's own super user. Passwords come from docker/.env. Each service's ACLs
# are in admin-tools/topics.yaml, which topics-init applies; the ACLs of topics-init's own user are
# granted here, since it needs them before it can apply anything.
set -euo pipefail
config=/certs/broker-client.properties
add_user() {
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server kafka:19093 --command-config "$config" \
    --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}
# allow USER kafka-acls.sh-resource-and-operation-options...: adds ACLs (allow, any host).
allow() {
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server kafka:19093 --command-config "$config" \
    --add --allow-principal "User:$1" "${@:2}"
}

# kafka-admin-topics, the user topics-init runs `kafka-admin topics apply` as, first: the broker
# applies users and ACLs from the metadata log a moment after the controller acknowledged them,
# and the users below give it that moment before topics-init starts.
# Not a super user (KAFKA_SUPER_USERS): on the cluster it may describe (read the ACLs, to plan) and
# alter (create the ACLs of topics.yaml; Kafka has no narrower right for that, and alter also lets
# its holder change ACLs and SCRAM credentials, its own included, so its password is as sensitive
# as the admin's). On the topics of topics.yaml, all named user-events*: create, describe,
# alter (add partitions), describe-configs, alter-configs. No read, write or delete anywhere.
add_user kafka-admin-topics "${KAFKA_TOPICS_PASSWORD:?set KAFKA_TOPICS_PASSWORD in docker/.env}"
allow kafka-admin-topics --cluster --operation Describe --operation Alter
allow kafka-admin-topics --topic user-events --resource-pattern-type prefixed --operation Create \
  --operation Describe --operation Alter --operation DescribeConfigs --operation AlterConfigs

add_user admin "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD in docker/.env}"
add_user producer-service "${KAFKA_PRODUCER_PASSWORD:?set KAFKA_PRODUCER_PASSWORD in docker/.env}"
add_user consumer-service "${KAFKA_CONSUMER_PASSWORD:?set KAFKA_CONSUMER_PASSWORD in docker/.env}"
add_user kafka-ui "${KAFKA_UI_KAFKA_PASSWORD:?set KAFKA_UI_KAFKA_PASSWORD in docker/.env}"
add_user kafka-admin-lag "${KAFKA_LAG_PASSWORD:?set KAFKA_LAG_PASSWORD in docker/.env}"
add_user kafka-admin-replay "${KAFKA_REPLAY_PASSWORD:?set KAFKA_REPLAY_PASSWORD in docker/.env}"
