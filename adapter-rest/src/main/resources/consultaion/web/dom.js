// Building the page's elements: text goes in as text (never as HTML), so nothing a model or a user wrote can run.

/** An element: h("p", {class: "x", onclick: f}, "text", child, [more]). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element, attributes set as they are. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const c of children.flat(Infinity)) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

let views = 0;

/**
 * Starts a view: returns its {@code show}, which draws only while this is the latest view started, so a view
 * still loading when the user moved on never draws over the one they went to. It answers whether it drew.
 */
export function view() {
  const mine = ++views;
  return (...children) => {
    if (mine !== views) return false;
    show(...children);
    return true;
  };
}

/** Replaces the main region's content and moves focus to its heading, for keyboard and screen-reader users. */
function show(...children) {
  const main = document.getElementById("main");
  main.replaceChildren(...children.flat());
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({preventScroll: false});
    document.title = heading.textContent + " · Consultaion";
  }
}

/** Says something to screen readers without moving focus. */
export function announce(text) {
  const el = document.getElementById("announce");
  el.textContent = "";
  setTimeout(() => { el.textContent = text; }, 50);
}

/** An error box: the API's message, and each bad field's. */
export function errorBox(error) {
  const fields = error?.fields ?? [];
  return h("div", {class: "error", role: "alert"},
    h("p", {}, error?.message ?? String(error)),
    fields.length ? h("ul", {}, fields.map(f => h("li", {}, `${f.field}: ${f.message}`))) : null);
}

export function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

export function fmt(n, digits = 0) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString(undefined, {
    minimumFractionDigits: digits, maximumFractionDigits: digits});
}
