#!/bin/sh
# Mints the credentials the compose file's agent and Prometheus use, with the platform-admin credential
# app-1 made for itself on its first start (its kubeconfig, in its data volume). Runs once; a credential
# already minted is kept.
set -eu
KUBECONFIG=/app-1/admin.kubeconfig
CA=/app-1/tls/ca.crt
until [ -s "$KUBECONFIG" ] && curl -sf --cacert "$CA" https://app-1:8080/actuator/health/readiness > /dev/null; do
    sleep 2
done
ADMIN=$(sed -n 's/^ *token: *//p' "$KUBECONFIG" | head -n 1)

# mint ROLE SUBJECT [NODE]: the new token on standard output.
mint() {
    node=""
    if [ -n "${3:-}" ]; then node=",\"node\":\"$3\""; fi
    curl -sf --cacert "$CA" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
        -d "{\"spec\":{\"role\":\"$1\",\"subject\":\"$2\"$node}}" \
        https://app-1:8080/apis/policyledger.io/v1/tokens | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

[ -s /credentials/agent.token ] || mint agent agent-node-1 node-1 > /credentials/agent.token
[ -s /credentials/metrics.token ] || mint metrics prometheus > /credentials/metrics.token
chmod 0444 /credentials/agent.token /credentials/metrics.token
echo "credentials minted for the agent of node-1 and for Prometheus"
