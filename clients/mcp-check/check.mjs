// The reference MCP client from npm against Consultaion's /mcp. Exits non-zero on the first thing that is wrong.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import assert from "node:assert/strict";

const base = process.argv[2] ?? "http://127.0.0.1:8000";

async function json(path, body, headers = {}) {
  const response = await fetch(base + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

// An account and an API key, through the HTTP API.
const account = { email: `mcp-${Date.now()}@example.com`, password: "correct-Horse-7" };
assert.equal((await json("/auth/register", account)).status, 201);
const token = (await json("/auth/login", account)).body.access_token;
const key = (await json("/keys", { name: "mcp-check" }, { Authorization: `Bearer ${token}` })).body.key;
assert.ok(key?.startsWith("pk_"), "an API key");

function connect(headers) {
  return new StreamableHTTPClientTransport(new URL("/mcp", base), { requestInit: { headers } });
}

// Without a key: refused.
const anonymous = new Client({ name: "consultaion-mcp-check", version: "1.0.0" });
await assert.rejects(anonymous.connect(connect({})), /401|Unauthorized|auth/i);

const client = new Client({ name: "consultaion-mcp-check", version: "1.0.0" });
await client.connect(connect({ "X-API-Key": key }));
assert.equal(client.getServerVersion()?.name, "consultaion");
const tools = (await client.listTools()).tools.map((t) => t.name).sort();
assert.deepEqual(tools, ["ask_council", "cancel_debate", "get_debate", "leaderboard", "list_models", "start_debate"]);

const progress = [];
const result = await client.callTool(
  { name: "ask_council", arguments: { prompt: "Should our team adopt a four-day week?" } },
  CallToolResultSchema,
  { onprogress: (p) => progress.push(p), timeout: 120_000 },
);
assert.equal(result.isError, false);
assert.equal(result.structuredContent.status, "completed");
assert.ok(result.structuredContent.final.length > 0, "a synthesis");
assert.ok(progress.some((p) => p.message === "synthesis written"), "progress reached the synthesis");
const id = result.structuredContent.id;

const transcript = await client.readResource({ uri: `debate://${id}/transcript` });
assert.equal(JSON.parse(transcript.contents[0].text).id, id);

// A bad argument: an MCP error with the HTTP API's code.
await assert.rejects(
  client.callTool({ name: "ask_council", arguments: { prompt: "short" } }),
  (e) => e.code === -32602 && JSON.stringify(e.data).includes("prompt.too_short"),
);
await client.close();
console.log(`MCP check: ${tools.length} tools, ask_council completed debate ${id} with ${progress.length} progress notifications`);
