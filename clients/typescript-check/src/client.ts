// A small app on the client generated from the service's OpenAPI description: it must type-check against the
// generated types (so the description is usable as written) and then work against the running service.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.js";

type Debate = components["schemas"]["Debate"];
type ApiError = components["schemas"]["Error"];

const base = process.argv[2];
if (!base) throw new Error("usage: node dist/client.js BASE_URL");
const api = createClient<paths>({ baseUrl: base });

function fail(what: string, error: ApiError | undefined, status: number): never {
  throw new Error(`${what}: ${status} ${error?.error.code ?? ""} ${error?.error.message ?? ""}`);
}

const email = `ts-${Date.now()}@example.com`;
const password = "correct-Horse-7";
const registered = await api.POST("/auth/register", { body: { email, password } });
if (registered.response.status !== 201) fail("register", registered.error, registered.response.status);
const login = await api.POST("/auth/login", { body: { email, password } });
if (!login.data) fail("login", login.error, login.response.status);
const headers = { Authorization: `Bearer ${login.data.access_token}` };

// A bad start names its fields in the one error shape.
const bad = await api.POST("/debates", { headers, body: { prompt: "short" } });
if (bad.response.status !== 422 || bad.error?.error.details.fields?.[0]?.field !== "prompt") {
  fail("a short prompt should be refused", bad.error, bad.response.status);
}

const started = await api.POST("/debates", {
  headers,
  body: { prompt: "Should a small bakery open on Sundays?", config: { rounds: 0 } },
});
if (!started.data) fail("start", started.error, started.response.status);
let debate: Debate = started.data;
const terminal: Debate["status"][] = ["completed", "completed_with_warnings", "failed", "cancelled"];
for (let i = 0; i < 300 && !terminal.includes(debate.status); i++) {
  await new Promise((r) => setTimeout(r, 100));
  const got = await api.GET("/debates/{id}", { headers, params: { path: { id: debate.id } } });
  if (!got.data) fail("get", got.error, got.response.status);
  debate = got.data;
}
if (debate.status !== "completed") throw new Error(`debate ended ${debate.status}`);

const report = await api.GET("/debates/{id}/report", { headers, params: { path: { id: debate.id } } });
if (!report.data) fail("report", report.error, report.response.status);
const best = report.data.ranking[0];
const events = await api.GET("/debates/{id}/events", {
  headers,
  params: { path: { id: debate.id }, query: { after: 0, limit: 1000 } },
});
if (!events.data) fail("events", events.error, events.response.status);
const last = events.data.items[events.data.items.length - 1];
if (last?.type !== "final") throw new Error(`last event is ${last?.type}`);
const board = await api.GET("/leaderboard", { params: { query: { limit: 5 } } });
if (!board.data) fail("leaderboard", board.error, board.response.status);
const keys = await api.GET("/keys", { headers });
if (!keys.data) fail("keys", keys.error, keys.response.status);

console.log(
  `typescript client: debate ${debate.id} ${debate.status}, ${report.data.scores.length} scores, ` +
    `best ${best?.persona} (${best?.score}), ${events.data.items.length} events, ` +
    `${board.data.items.length} on the board, ${keys.data.length} keys`,
);
