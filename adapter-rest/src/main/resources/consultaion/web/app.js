// Consultaion's page: a hash router over the views. Everything it shows comes from the HTTP API (api.js).
import {api, get, post, del, maybeSignedIn, ApiError} from "./api.js";
import {h, view, announce, errorBox, when} from "./dom.js";
import {debateView} from "./debate.js";
import {leaderboardView} from "./board.js";

let user = null;

async function loadUser() {
  user = null;
  if (maybeSignedIn()) {
    try { user = await get("/me"); } catch (e) { if (!(e instanceof ApiError) || e.status !== 401) throw e; }
  }
  renderAccount();
}

function renderAccount() {
  const box = document.getElementById("account");
  if (user) {
    box.replaceChildren(
      h("span", {class: "who"}, user.display_name || user.email),
      h("button", {type: "button", class: "link", onclick: signOut}, "Sign out"));
  } else {
    box.replaceChildren(h("a", {href: "#/signin"}, "Sign in"));
  }
}

async function signOut() {
  try { await post("/auth/logout"); } catch { /* the session is gone either way */ }
  user = null;
  renderAccount();
  location.hash = "#/signin";
}

// ---- sign in and sign up ----

function signInView(register = false) {
  const show = view();
  const errors = h("div");
  const email = h("input", {id: "email", name: "email", type: "email", autocomplete: "email", required: true});
  const password = h("input", {id: "password", name: "password", type: "password", required: true, minlength: 10,
    autocomplete: register ? "new-password" : "current-password", "aria-describedby": "password-help"});
  const form = h("form", {class: "card narrow", novalidate: true},
    h("h1", {}, register ? "Create an account" : "Sign in"),
    errors,
    h("label", {for: "email"}, "E-mail"), email,
    h("label", {for: "password"}, "Password"), password,
    h("p", {id: "password-help", class: "hint"}, register
      ? "10 to 200 characters, with at least two kinds of characters (letters, digits, others)."
      : "Your session is kept in this browser's cookies."),
    h("button", {type: "submit"}, register ? "Create account" : "Sign in"),
    h("p", {}, register
      ? h("a", {href: "#/signin"}, "I have an account: sign in")
      : h("a", {href: "#/register"}, "No account yet? Create one")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const body = {email: email.value.trim(), password: password.value};
    try {
      if (register) await post("/auth/register", body);
      else await post("/auth/login", body);
      await loadUser();
      announce(register ? "Account created; you are signed in." : "Signed in.");
      location.hash = "#/";
    } catch (e) {
      errors.replaceChildren(errorBox(e));
      errors.querySelector("[role=alert]")?.focus?.();
    }
  });
  show(form);
}

// ---- ask ----

const MODES = [
  ["debate", "Debate: agents draft, critique each other, judges score, a synthesis is written"],
  ["parliament", "Parliament: seats with roles argue in phases, a chair decides"],
  ["conversation", "Conversation: delegates talk in rounds, a facilitator concludes"],
];

function modelSelect(id, models, value, labelText) {
  const select = h("select", {id, "aria-label": labelText},
    models.map(m => h("option", {value: m.id, selected: m.id === value, disabled: !m.available},
      `${m.display_name}${m.available ? "" : " (unavailable)"}`)));
  return select;
}

function seatRows(kind, seats, models, min, max) {
  const list = h("ol", {class: "seats"});
  const add = h("button", {type: "button", class: "secondary"}, kind === "agent" ? "Add an agent" : "Add a judge");
  let n = 0;
  function row(seat) {
    const i = n++;
    const name = h("input", {id: `${kind}-name-${i}`, value: seat.name, required: true, maxlength: 64,
      class: "seat-name"});
    const model = modelSelect(`${kind}-model-${i}`, models, seat.model, `${kind} ${i + 1} model`);
    const remove = h("button", {type: "button", class: "secondary", "aria-label": `Remove ${seat.name}`}, "Remove");
    const li = h("li", {dataset: {persona: seat.persona ?? "", criteria: JSON.stringify(seat.criteria ?? [])}},
      h("label", {for: name.id}, kind === "agent" ? "Agent name" : "Judge name"), name,
      h("label", {for: model.id}, "Model"), model, remove);
    remove.addEventListener("click", () => {
      if (list.children.length > min) { li.remove(); sync(); }
    });
    list.append(li);
    sync();
  }
  function sync() {
    add.disabled = list.children.length >= max;
    for (const b of list.querySelectorAll("li > button")) b.disabled = list.children.length <= min;
  }
  add.addEventListener("click", () => {
    const k = list.children.length + 1;
    row(kind === "agent"
      ? {name: `Agent${k}`, persona: "A careful generalist who answers plainly.", model: models[0]?.id}
      : {name: `Judge${k}`, model: models[0]?.id, criteria: seats[0]?.criteria});
    list.lastElementChild.querySelector("input").focus();
  });
  seats.forEach(row);
  const read = () => [...list.children].map(li => {
    const seat = {name: li.querySelector("input").value.trim(), model: li.querySelector("select").value};
    if (kind === "agent") seat.persona = li.dataset.persona || "A careful generalist who answers plainly.";
    else {
      const criteria = JSON.parse(li.dataset.criteria || "[]");
      if (criteria.length) seat.criteria = criteria;
    }
    return seat;
  });
  return {element: h("div", {}, list, add), read};
}

async function askView() {
  const show = view();
  if (!user) { location.hash = "#/signin"; return; }
  const [defaults, catalogue] = await Promise.all([get("/config/default"), get("/models")]);
  const models = catalogue.models;
  const errors = h("div");
  const prompt = h("textarea", {id: "prompt", name: "prompt", rows: 4, required: true, minlength: 10, maxlength: 5000,
    "aria-describedby": "prompt-help"});
  const mode = h("select", {id: "mode", name: "mode"}, MODES.map(([v, label]) => h("option", {value: v}, label)));
  const model = h("select", {id: "model", name: "model"},
    h("option", {value: ""}, "Chosen for me (routing by quality, cost and health)"),
    models.map(m => h("option", {value: m.id, disabled: !m.available}, m.display_name)));
  const rounds = h("select", {id: "rounds", name: "rounds"},
    [0, 1, 2, 3].map(r => h("option", {value: r, selected: r === defaults.rounds},
      r === 0 ? "No critique round" : `${r} critique round${r > 1 ? "s" : ""}`)));
  const agents = seatRows("agent", defaults.agents, models, 2, 8);
  const judges = seatRows("judge", defaults.judges, models, 1, 5);
  const panel = h("fieldset", {class: "panel"},
    h("legend", {}, "Agents and judges"),
    h("p", {class: "hint"}, "Used in debate mode; a model chosen above seats every agent and judge on it."),
    h("h2", {}, "Agents"), agents.element, h("h2", {}, "Judges"), judges.element,
    h("label", {for: "rounds"}, "Critique rounds"), rounds);
  mode.addEventListener("change", () => { panel.hidden = mode.value !== "debate"; });
  const submit = h("button", {type: "submit"}, "Ask the council");
  const form = h("form", {class: "card", novalidate: true},
    h("h1", {}, "Ask the council"),
    errors,
    h("label", {for: "prompt"}, "Your question"), prompt,
    h("p", {id: "prompt-help", class: "hint"}, "10 to 5,000 characters."),
    h("label", {for: "mode"}, "Mode"), mode,
    h("label", {for: "model"}, "Model"), model,
    panel,
    submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const body = {prompt: prompt.value, mode: mode.value};
    if (model.value) body.model_id = model.value;
    if (mode.value === "debate") {
      body.config = {...defaults, agents: agents.read(), judges: judges.read(), rounds: Number(rounds.value)};
    }
    submit.disabled = true;
    try {
      const debate = await post("/debates", body);
      location.hash = `#/debate/${debate.id}`;
    } catch (e) {
      errors.replaceChildren(errorBox(e));
      errors.firstChild.setAttribute("tabindex", "-1");
      errors.firstChild.focus();
    } finally {
      submit.disabled = false;
    }
  });
  show(form);
}

// ---- past debates ----

async function debatesView() {
  const show = view();
  if (!user) { location.hash = "#/signin"; return; }
  const body = h("tbody");
  const more = h("button", {type: "button", class: "secondary"}, "Show more");
  let offset = 0;
  async function page() {
    const result = await get(`/debates?limit=20&offset=${offset}`);
    for (const d of result.items) {
      body.append(h("tr", {},
        h("td", {}, h("a", {href: `#/debate/${d.id}`}, d.prompt ?? "(erased)")),
        h("td", {}, d.mode), h("td", {}, h("span", {class: `status ${d.status}`}, d.status)),
        h("td", {}, when(d.created_at))));
    }
    offset += result.items.length;
    more.hidden = result.items.length < 20;
    if (offset === 0) body.append(h("tr", {}, h("td", {colspan: 4}, "No debates yet. ", h("a", {href: "#/"}, "Ask one."))));
  }
  more.addEventListener("click", page);
  show(h("section", {class: "card"},
    h("h1", {}, "Your debates"),
    h("div", {class: "scroll"}, h("table", {},
      h("caption", {class: "visually-hidden"}, "Your debates, newest first"),
      h("thead", {}, h("tr", {}, h("th", {scope: "col"}, "Question"), h("th", {scope: "col"}, "Mode"),
        h("th", {scope: "col"}, "Status"), h("th", {scope: "col"}, "Started"))),
      body)),
    more)) && await page();
}

// ---- API keys ----

async function keysView() {
  const show = view();
  if (!user) { location.hash = "#/signin"; return; }
  const errors = h("div");
  const list = h("tbody");
  const secret = h("div", {"aria-live": "polite"});
  async function load() {
    const keys = await get("/keys");
    list.replaceChildren(...keys.map(k => h("tr", {},
      h("td", {}, k.name), h("td", {}, h("code", {}, k.prefix + "…")), h("td", {}, when(k.created_at)),
      h("td", {}, k.last_used_at ? when(k.last_used_at) : "never"),
      h("td", {}, k.revoked ? "revoked" : h("button", {type: "button", class: "secondary",
        "aria-label": `Revoke ${k.name}`, onclick: async () => {
          try { await del(`/keys/${k.id}`); announce(`Key ${k.name} revoked.`); await load(); }
          catch (e) { errors.replaceChildren(errorBox(e)); }
        }}, "Revoke")))));
    if (!keys.length) list.append(h("tr", {}, h("td", {colspan: 5}, "No keys yet.")));
  }
  const name = h("input", {id: "key-name", required: true, maxlength: 100});
  const form = h("form", {class: "inline"},
    h("label", {for: "key-name"}, "Name of a new key"), name, h("button", {type: "submit"}, "Create key"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    try {
      const created = await post("/keys", {name: name.value.trim()});
      name.value = "";
      const code = h("code", {id: "new-key"}, created.key);
      secret.replaceChildren(h("div", {class: "notice"},
        h("p", {}, "Your new key, shown only now: "), code,
        h("button", {type: "button", class: "secondary", onclick: () =>
          navigator.clipboard?.writeText(created.key).then(() => announce("Copied."), () => {})}, "Copy"),
        h("p", {class: "hint"}, "Send it as X-API-Key: … to the HTTP API, or give it to an MCP client (/mcp).")));
      await load();
    } catch (e) { errors.replaceChildren(errorBox(e)); }
  });
  const download = h("button", {type: "button", class: "secondary"}, "Download all my data");
  download.addEventListener("click", async () => {
    errors.replaceChildren();
    try {
      const response = await api("GET", "/me/export", undefined, {raw: true});
      const name = (response.headers.get("Content-Disposition") ?? "").match(/filename="([^"]+)"/)?.[1]
        ?? "consultaion-data.json";
      const url = URL.createObjectURL(await response.blob());
      const a = h("a", {href: url, download: name});
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce("Your data was downloaded.");
    } catch (e) { errors.replaceChildren(errorBox(e)); }
  });
  const shown = show(h("section", {class: "card"},
    h("h1", {}, "API keys"), errors, form, secret,
    h("div", {class: "scroll"}, h("table", {},
      h("thead", {}, h("tr", {}, ["Name", "Key", "Created", "Last used", ""].map(t => h("th", {scope: "col"}, t)))),
      list)),
    h("h2", {}, "Your data"),
    h("p", {class: "hint"}, "Everything the service holds about you (account, debates with every event, teams, keys, usage, audit) as one JSON file."),
    download));
  if (shown) await load();
}

// ---- router ----

let leave = null;

async function route() {
  if (leave) { leave(); leave = null; }
  const path = location.hash.replace(/^#/, "") || "/";
  document.querySelectorAll("nav a").forEach(a =>
    a.toggleAttribute("aria-current", a.getAttribute("href") === "#" + path));
  try {
    let m;
    if (path === "/signin") signInView(false);
    else if (path === "/register") signInView(true);
    else if (path === "/debates") await debatesView();
    else if (path === "/leaderboard") await leaderboardView();
    else if (path === "/keys") await keysView();
    else if ((m = path.match(/^\/debate\/([0-9a-f-]{36})$/))) {
      if (!user) { location.hash = "#/signin"; return; }
      leave = await debateView(m[1]);
    } else await askView();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      user = null;
      renderAccount();
      location.hash = "#/signin";
      return;
    }
    view()(h("section", {class: "card"}, h("h1", {}, "Something went wrong"), errorBox(e)));
  }
}

window.addEventListener("hashchange", route);
await loadUser();
await route();
