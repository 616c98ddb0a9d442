# Sourced by the bench scripts (needs BASE): accounts on the running service, through its public API.
# Start the service with $UNLIMITED_FREE_PLAN (settings, not an admin: admin is an operator's grant on an existing
# account, made at start-up) so that plan quotas do not refuse the load.
UNLIMITED_FREE_PLAN="CONSULTAION_PLANS_FREE_DEBATES_PER_MONTH=100000000 CONSULTAION_PLANS_FREE_TOKENS_PER_DAY=100000000000000 CONSULTAION_PLANS_FREE_CONCURRENT_DEBATES=100000 CONSULTAION_PLANS_FREE_MAX_AGENTS=8 CONSULTAION_PLANS_FREE_EXPORTS=true"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
BENCH_PASSWORD=correct-Horse-7

# register EMAIL -> prints the new user's id
register() {
  curl -sf -X POST "$BASE/auth/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$BENCH_PASSWORD\"}" | json "['id']"
}

# login EMAIL -> prints an access token
login() {
  curl -sf -X POST "$BASE/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$BENCH_PASSWORD\"}" | json "['access_token']"
}

# api_key TOKEN -> prints a new API key of that user
api_key() {
  curl -sf -X POST "$BASE/keys" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d '{"name":"bench"}' | json "['key']"
}

# load_account EMAIL -> registers EMAIL and prints an API key of it
load_account() {
  register "$1" >/dev/null
  api_key "$(login "$1")"
}

# admin_token EMAIL -> registers EMAIL and signs it in; it is an admin only if the service was started with
# ADMIN_EMAILS naming an account that existed then (the operator's grant), so admin-only reads may answer 403
admin_token() {
  register "$1" >/dev/null
  login "$1"
}
