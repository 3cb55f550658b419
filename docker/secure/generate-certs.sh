#!/usr/bin/env bash
# First start of docker/compose.secure.yaml: makes the broker's key pair (CN=kafka, SAN kafka and
# localhost), a trust store holding its certificate, and the client properties the broker itself
# (mutual TLS, super user User:kafka), kafka-users and topics-init use.
#
# Two volumes, so that no Kafka client ever sees the broker's key:
#   /certs  (kafka-certs, broker side only): kafka.p12 (the key, password KAFKA_KEYSTORE_PASSWORD),
#           truststore.p12 and broker-client.properties (which holds the key store password)
#   /trust  (kafka-trust, mounted read-only by the services, Kafka UI and the lag exporter):
#           truststore.p12 only, password KAFKA_SSL_PASSWORD; a certificate, no secret
# Does nothing when both exist; makes the key only when it does not exist (so an older kafka-certs
# volume gets its kafka-trust too). Nothing here is ever committed.
set -euo pipefail
dir=/certs
trust=/trust
keystore_password="${KAFKA_KEYSTORE_PASSWORD:?set KAFKA_KEYSTORE_PASSWORD in docker/.env}"
truststore_password="${KAFKA_SSL_PASSWORD:?set KAFKA_SSL_PASSWORD in docker/.env}"
if [ -f "$dir/kafka.p12" ] && [ -f "$trust/truststore.p12" ]; then
  echo "key store and trust store already there"
  exit 0
fi
if [ ! -f "$dir/kafka.p12" ]; then
  rm -f "$dir/truststore.p12"
  keytool -genkeypair -alias kafka -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -dname "CN=kafka,O=user-events" -ext "SAN=dns:kafka,dns:localhost" -validity 825 \
    -storetype PKCS12 -keystore "$dir/kafka.p12" \
    -storepass "$keystore_password" -keypass "$keystore_password"
  keytool -exportcert -alias kafka -rfc -file "$dir/kafka.crt" \
    -keystore "$dir/kafka.p12" -storepass "$keystore_password"
  keytool -importcert -noprompt -alias kafka -file "$dir/kafka.crt" \
    -storetype PKCS12 -keystore "$dir/truststore.p12" -storepass "$truststore_password"
  cat > "$dir/broker-client.properties" <<PROPERTIES
security.protocol=SSL
ssl.truststore.type=PKCS12
ssl.truststore.location=$dir/truststore.p12
ssl.truststore.password=$truststore_password
ssl.keystore.type=PKCS12
ssl.keystore.location=$dir/kafka.p12
ssl.keystore.password=$keystore_password
ssl.key.password=$keystore_password
PROPERTIES
  echo "key store written to $dir"
fi
# Kafka (appuser) and topics-init (user 10001) read /certs; the volume is private to the broker
# side of compose. The services (user 10001) read only the trust store in /trust.
chmod 0644 "$dir"/*
cp "$dir/truststore.p12" "$trust/truststore.p12"
chmod 0644 "$trust/truststore.p12"
echo "trust store copied to $trust/truststore.p12"
