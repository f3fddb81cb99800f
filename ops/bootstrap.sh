#!/bin/sh
# Mints the credentials the compose file's agent and Prometheus use, with the platform-admin credential
# app-1 made for itself on its first start (its kubeconfig, in its data volume). Runs at every `up`; a
# credential the server still accepts is kept, one it no longer accepts (expired, revoked) is replaced.
set -eu
KUBECONFIG=/app-1/admin.kubeconfig
CA=/app-1/tls/ca.crt
until [ -s "$KUBECONFIG" ] && curl -sf --cacert "$CA" https://app-1:8080/actuator/health/readiness > /dev/null; do
    sleep 2
done
ADMIN=$(sed -n 's/^ *token: *//p' "$KUBECONFIG" | head -n 1)

# mint ROLE SUBJECT [NODE]: the new token (valid for a year, the longest allowed) on standard output.
mint() {
    node=""
    if [ -n "${3:-}" ]; then node=",\"node\":\"$3\""; fi
    answer=$(curl -sf --cacert "$CA" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
        -d "{\"spec\":{\"role\":\"$1\",\"subject\":\"$2\",\"expirationSeconds\":31536000$node}}" \
        https://app-1:8080/apis/policyledger.io/v1/tokens) || { echo "cannot mint a $1 credential" >&2; exit 1; }
    token=$(echo "$answer" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    [ -n "$token" ] || { echo "no token in the answer for $1: $answer" >&2; exit 1; }
    echo "$token"
}

# keep FILE ROLE SUBJECT [NODE]: a credential the server still accepts is kept; otherwise a new one.
keep() {
    file=$1; shift
    if [ -s "$file" ] && [ "$1" = metrics ] && curl -sf -o /dev/null --cacert "$CA" \
            -H "Authorization: Bearer $(cat "$file")" https://app-1:8080/actuator/prometheus; then
        return
    fi
    if [ -s "$file" ] && [ "$1" = agent ] && curl -sf -o /dev/null --cacert "$CA" \
            -H "Authorization: Bearer $(cat "$file")" "https://app-1:8080/apis/policyledger.io/v1/nodes/$3/rules"; then
        return
    fi
    token=$(mint "$@")
    echo "$token" > "$file.new" && chmod 0444 "$file.new" && mv -f "$file.new" "$file"
}

keep /credentials/agent.token agent agent-node-1 node-1
keep /credentials/metrics.token metrics prometheus
echo "credentials ready for the agent of node-1 and for Prometheus"
