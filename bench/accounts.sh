# Sourced by the bench scripts (needs BASE): accounts on the running service, through its public API.
# The admin's e-mail must be in the service's ADMIN_EMAILS.
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

# load_account EMAIL ADMIN_TOKEN -> registers EMAIL, moves it to the internal plan (so plan quotas do not
# refuse the load) and prints an API key of it
load_account() {
  local id
  id=$(register "$1")
  curl -sf -X POST "$BASE/admin/users/$id/plan" -H "Authorization: Bearer $2" \
    -H 'Content-Type: application/json' -d '{"plan":"internal"}' >/dev/null
  api_key "$(login "$1")"
}

# admin_token EMAIL -> registers and signs in the admin
admin_token() {
  register "$1" >/dev/null
  login "$1"
}
