// One debate, live: its stored events (replayed, then as they are written) and the text of model calls as it is
// written ("delta" frames), drawn as rounds of answers, the judges' scores, the ranking and the synthesis.
import {api, get, post, refresh, ApiError} from "./api.js";
import {h, view, announce, errorBox, when, fmt} from "./dom.js";

const TERMINAL = new Set(["final", "debate_failed", "debate_cancelled"]);

export async function debateView(id) {
  const show = view();
  const debate = await get(`/debates/${id}`);
  const status = h("span", {class: `status ${debate.status}`, id: "debate-status"}, debate.status);
  const errors = h("div");
  const rounds = h("div", {class: "rounds", "aria-live": "off"});
  const notices = h("ul", {class: "notices"});
  const scoresBody = h("tbody");
  const scores = h("section", {class: "card", hidden: true, "aria-labelledby": "scores-h"},
    h("h2", {id: "scores-h"}, "Judges' scores"),
    h("div", {class: "scroll"}, h("table", {id: "scores"},
      h("thead", {}, h("tr", {}, ["Judge", "Answer", "Score", "Why"].map(t => h("th", {scope: "col"}, t)))),
      scoresBody)));
  const ranking = h("section", {class: "card", hidden: true, id: "ranking", "aria-labelledby": "ranking-h"});
  const final = h("section", {class: "card final", hidden: true, id: "final", "aria-labelledby": "final-h"});
  const cancel = h("button", {type: "button", class: "secondary"}, "Cancel");
  const retry = h("button", {type: "button", class: "secondary", hidden: true}, "Retry");
  const exportButton = h("button", {type: "button", class: "secondary"}, "Export as Markdown");

  cancel.addEventListener("click", () => act("cancel"));
  retry.addEventListener("click", () => act("retry"));
  exportButton.addEventListener("click", exportReport);

  async function act(what) {
    errors.replaceChildren();
    try { await post(`/debates/${id}/${what}`); announce(what === "cancel" ? "Cancelling." : "Retrying."); if (what === "retry") open(); }
    catch (e) { errors.replaceChildren(errorBox(e)); }
  }

  async function exportReport() {
    errors.replaceChildren();
    try {
      const response = await api("POST", `/debates/${id}/export`, undefined, {raw: true});
      const url = URL.createObjectURL(await response.blob());
      const a = h("a", {href: url, download: `debate-${id}.md`});
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) { errors.replaceChildren(errorBox(e)); }
  }

  const shown = show(h("article", {class: "debate"},
    h("header", {class: "card"},
      h("h1", {}, debate.prompt ?? "(erased)"),
      h("p", {class: "meta"}, `${debate.mode} · `, status, ` · started ${when(debate.created_at)}`),
      h("div", {class: "actions"}, cancel, retry, exportButton),
      errors, notices),
    final, ranking, scores, rounds));

  // ---- drawing events ----
  let round = null;          // the current round's answers
  const live = new Map();    // call id → {card, text, attempt}
  const scoreRows = new Map();

  // Live text can arrive before its stage's events are committed (a stage commits as a whole): its cards go to a
  // provisional section, named after the call's task, which the stage's round_started then takes over.
  let provisional = null;

  function section(label) {
    const heading = h("h2", {}, label);
    const answers = h("div", {class: "answers"});
    rounds.append(h("section", {class: "round"}, heading, answers));
    return {heading, answers};
  }

  function startRound(e) {
    const label = e.phase ? `Round ${e.round}: ${e.phase}` : `Round ${e.round}`;
    if (provisional) {
      provisional.heading.textContent = label;
      round = provisional.answers;
      provisional = null;
      return;
    }
    round = section(label).answers;
  }

  function provisionalRound(task) {
    if (provisional?.task === task) return;
    provisional = {...section(task ? `Now: ${task}` : "Now"), task};
    round = provisional.answers;
  }

  function card(speaker, model, role) {
    if (!round) provisionalRound(null);
    const body = h("p", {class: "text"});
    const el = h("article", {class: "answer", dataset: {speaker}},
      h("h3", {}, speaker, model ? h("span", {class: "model"}, ` · ${model}`) : null,
        role ? h("span", {class: "role"}, ` · ${role}`) : null),
      body);
    round.append(el);
    return {el, body};
  }

  function onDelta(e) {
    let entry = live.get(e.call);
    if (!entry) {
      if (status.textContent === "queued") setStatus("running");
      if (!provisional && phaseOf(round) !== e.task) provisionalRound(e.task);
      const c = card(e.speaker, e.model, e.task);
      c.el.classList.add("writing");
      c.el.setAttribute("aria-busy", "true");
      entry = {card: c, text: "", attempt: e.attempt, speaker: e.speaker, task: e.task};
      live.set(e.call, entry);
    }
    if (e.attempt !== entry.attempt) { entry.text = ""; entry.attempt = e.attempt; }
    entry.text += e.text;
    entry.card.body.textContent = entry.text;
  }

  function phaseOf(answers) {
    return answers?.parentElement?.querySelector("h2")?.textContent.replace(/^Round \d+: /, "") ?? null;
  }

  function settle(speaker, task) {
    for (const [call, entry] of live) {
      if (entry.speaker === speaker || (task && entry.task === task)) { entry.card.el.remove(); live.delete(call); }
    }
  }

  function onMessage(e, task) {
    const speaker = e.agent ?? e.seat_name ?? e.speaker ?? e.role ?? "speaker";
    settle(speaker, task);
    const c = card(speaker, e.model, e.stance ? `${e.role} · ${e.stance}` : e.role);
    c.body.textContent = e.content ?? "";
  }

  function onScore(e) {
    scores.hidden = false;
    const key = `${e.judge}\u0000${e.candidate}`;
    const row = h("tr", {},
      h("th", {scope: "row"}, e.judge), h("td", {}, e.candidate), h("td", {class: "num"}, fmt(e.score, 2)),
      h("td", {}, e.rationale ?? ""));
    scoreRows.get(key)?.remove();
    scoreRows.set(key, row);
    scoresBody.append(row);
    settle(e.judge);
  }

  function onRanking(e) {
    ranking.hidden = false;
    ranking.replaceChildren(h("h2", {id: "ranking-h"}, "Ranking"),
      h("ol", {class: "ranking"}, (e.ranking ?? []).map(name =>
        h("li", {}, h("strong", {}, name), e.scores?.[name] !== undefined ? ` · ${fmt(e.scores[name], 2)}` : ""))),
      e.method ? h("p", {class: "hint"}, `Decided by ${e.method}.`) : null);
  }

  function onFinal(e) {
    for (const [, entry] of live) entry.card.el.remove();
    live.clear();
    if (provisional && !provisional.answers.children.length) provisional.answers.parentElement.remove();
    provisional = null;
    final.hidden = false;
    const usage = e.meta?.usage;
    final.replaceChildren(h("h2", {id: "final-h"}, "Synthesis"), h("p", {class: "text"}, e.content ?? ""),
      usage ? h("p", {class: "hint"},
        `${fmt((usage.input_tokens ?? 0) + (usage.output_tokens ?? 0))} tokens · $${fmt(usage.cost_usd, 4)}`
        + (usage.estimated ? " (estimated)" : "")) : null);
    if (e.meta?.ranking && ranking.hidden) onRanking(e.meta);
  }

  function setStatus(value) {
    status.textContent = value;
    status.className = `status ${value}`;
    cancel.hidden = !["queued", "running"].includes(value);
    retry.hidden = value !== "failed";
  }
  setStatus(debate.status);

  function onEvent(e) {
    switch (e.type) {
      case "delta": onDelta(e); return;
      case "debate_created": setStatus("queued"); break;
      case "round_started": setStatus("running"); startRound(e); break;
      case "message": case "seat_message": onMessage(e); break;
      case "conversation_summary": onMessage({...e, agent: "Scribe", role: "summary"}, "scribe"); break;
      case "score": onScore(e); break;
      case "ranking": onRanking(e); break;
      case "notice": notices.append(h("li", {}, e.message)); break;
      case "agent_failed": notices.append(h("li", {}, `${e.agent} failed: ${e.reason}`)); settle(e.agent); break;
      case "fallback": notices.append(h("li", {}, `${e.from} replaced by ${e.to}: ${e.reason}`)); break;
      case "debate_retried": setStatus("running"); notices.append(h("li", {}, `Retried from ${e.stage}.`)); break;
      case "final": onFinal(e); setStatus("completed"); announce("The debate has finished."); break;
      case "debate_failed": setStatus("failed");
        notices.append(h("li", {class: "bad"}, `Failed: ${e.reason}${e.detail ? ` (${e.detail})` : ""}`)); break;
      case "debate_cancelled": setStatus("cancelled"); break;
      default: break;
    }
  }

  // ---- the stream ----
  let source = null;
  let after = 0;
  let reopened = 0;
  let closed = false;

  function open() {
    if (source) source.close();
    rounds.replaceChildren(); scoresBody.replaceChildren(); scoreRows.clear(); notices.replaceChildren();
    round = null; provisional = null; live.clear(); after = 0;
    ranking.hidden = true; final.hidden = true; scores.hidden = true;
    connect();
  }

  function connect() {
    source = new EventSource(`/debates/${id}/stream${after ? `?after=${after}` : ""}`);
    source.onmessage = (m) => {
      const e = JSON.parse(m.data);
      if (e.seq) after = e.seq;
      reopened = 0;
      onEvent(e);
      if (TERMINAL.has(e.type)) source.close(); // the server ends the stream too; no reconnect
    };
    source.onerror = async () => {
      if (closed || source.readyState !== EventSource.CLOSED) return; // EventSource reconnects by itself
      // Refused (an expired access token, a limit): refresh once and resume after the last event seen.
      if (reopened++ < 3 && await refresh()) { connect(); return; }
      errors.replaceChildren(errorBox(new ApiError(0, {error: {message: "The live stream stopped; reload to resume."}})));
    };
  }

  if (!shown) return () => {}; // the user moved on while it loaded
  connect();
  return () => { closed = true; source?.close(); };
}
