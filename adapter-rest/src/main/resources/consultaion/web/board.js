// The leaderboard: Bradley-Terry ratings with their 95% intervals, drawn (one bar per agent, the dot its rating)
// and listed in a table that says the same in words.
import {get} from "./api.js";
import {h, s, view, fmt, when, errorBox} from "./dom.js";

function chart(items) {
  const row = 28, left = 120, right = 24, top = 8, width = 640;
  const height = top + items.length * row + 28;
  const lows = items.map(i => i.ci?.low ?? i.bt_rating), highs = items.map(i => i.ci?.high ?? i.bt_rating);
  let min = Math.min(...lows), max = Math.max(...highs);
  if (max - min < 1) { min -= 50; max += 50; }
  const pad = (max - min) * 0.05;
  min -= pad; max += pad;
  const x = v => left + (v - min) / (max - min) * (width - left - right);
  const step = niceStep((max - min) / 5);
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  const axisY = top + items.length * row;
  const svg = s("svg", {viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img",
      "aria-labelledby": "chart-title"},
    s("title", {id: "chart-title"}, "Ratings with 95% intervals: " + items.map(i =>
      `${i.persona} ${Math.round(i.bt_rating)} (${Math.round(i.ci?.low ?? i.bt_rating)} to ${Math.round(i.ci?.high ?? i.bt_rating)})`).join("; ")),
    ticks.map(t => [
      s("line", {x1: x(t), x2: x(t), y1: top, y2: axisY, class: "grid"}),
      s("text", {x: x(t), y: axisY + 18, "text-anchor": "middle", class: "tick"}, Math.round(t)),
    ]),
    items.map((i, k) => {
      const y = top + k * row + row / 2;
      const lo = i.ci?.low ?? i.bt_rating, hi = i.ci?.high ?? i.bt_rating;
      return s("g", {class: "entry"},
        s("text", {x: left - 8, y: y + 5, "text-anchor": "end", class: "label"}, i.persona),
        s("line", {x1: x(lo), x2: x(hi), y1: y, y2: y, class: "interval"}),
        s("line", {x1: x(lo), x2: x(lo), y1: y - 6, y2: y + 6, class: "interval"}),
        s("line", {x1: x(hi), x2: x(hi), y1: y - 6, y2: y + 6, class: "interval"}),
        s("circle", {cx: x(i.bt_rating), cy: y, r: 5, class: "rating"}));
    }));
  return svg;
}

function niceStep(raw) {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

export async function leaderboardView() {
  const show = view();
  const category = h("input", {id: "category", name: "category", maxlength: 64, placeholder: "all debates"});
  const content = h("div", {id: "board"});
  const form = h("form", {class: "inline", role: "search"},
    h("label", {for: "category"}, "Category"), category, h("button", {type: "submit"}, "Show"));
  async function load() {
    const q = category.value.trim();
    const board = await get(`/leaderboard?limit=50${q ? `&category=${encodeURIComponent(q)}` : ""}`);
    const items = board.items;
    if (!items.length) {
      content.replaceChildren(h("p", {}, "No rated debates yet: the board fills as debates finish."));
      return;
    }
    content.replaceChildren(chart(items),
      h("div", {class: "scroll"}, h("table", {},
        h("caption", {}, "Agents by rating (Bradley-Terry, 95% bootstrap intervals)"),
        h("thead", {}, h("tr", {}, ["Rank", "Agent", "Rating", "95% interval", "Matches", "Win rate", "Updated"]
          .map(t => h("th", {scope: "col"}, t)))),
        h("tbody", {}, items.map(i => h("tr", {},
          h("td", {class: "num"}, i.rank), h("th", {scope: "row"}, i.persona, i.badge ? h("span", {class: "badge"}, i.badge) : null),
          h("td", {class: "num"}, fmt(i.bt_rating)),
          h("td", {class: "num"}, `${fmt(i.ci?.low)} – ${fmt(i.ci?.high)}`),
          h("td", {class: "num"}, fmt(i.n_matches)),
          h("td", {class: "num"}, `${fmt((i.win_rate ?? 0) * 100)}%`),
          h("td", {}, when(i.last_updated))))))));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load().catch(e => content.replaceChildren(errorBox(e)));
  });
  if (show(h("section", {class: "card"}, h("h1", {}, "Leaderboard"), form, content))) await load();
}
