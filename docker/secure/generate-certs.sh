#!/usr/bin/env bash
# First start of docker/compose.secure.yaml: makes the broker's key pair (CN=kafka, SAN kafka and
# localhost), a trust store holding its certificate, and the client properties the broker itself
# (mutual TLS, super user User:kafka) and topics-init use. Writes into the volume mounted at
# /certs; does nothing when the files exist. Nothing here is ever committed.
set -euo pipefail
dir=/certs
password="${KAFKA_SSL_PASSWORD:?set KAFKA_SSL_PASSWORD in docker/.env}"
if [ -f "$dir/truststore.p12" ]; then
  echo "certificates already in $dir"
  exit 0
fi
keytool -genkeypair -alias kafka -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
  -dname "CN=kafka,O=user-events" -ext "SAN=dns:kafka,dns:localhost" -validity 825 \
  -storetype PKCS12 -keystore "$dir/kafka.p12" -storepass "$password" -keypass "$password"
keytool -exportcert -alias kafka -rfc -file "$dir/kafka.crt" \
  -keystore "$dir/kafka.p12" -storepass "$password"
keytool -importcert -noprompt -alias kafka -file "$dir/kafka.crt" \
  -storetype PKCS12 -keystore "$dir/truststore.p12" -storepass "$password"
cat > "$dir/broker-client.properties" <<PROPERTIES
security.protocol=SSL
ssl.truststore.type=PKCS12
ssl.truststore.location=$dir/truststore.p12
ssl.truststore.password=$password
ssl.keystore.type=PKCS12
ssl.keystore.location=$dir/kafka.p12
ssl.keystore.password=$password
ssl.key.password=$password
PROPERTIES
# The services (user 10001) and Kafka (appuser) read these; the volume is private to compose.
chmod 0644 "$dir"/*
echo "certificates written to $dir"
