"""The catalogue page's inline style and script (kept apart from the page logic for size)."""

import json

from audiokit.catalog import arabic, hindi, latin, tokens
from audiokit.lang.codes import RIGHT_TO_LEFT

STYLE = """
:root { color-scheme: light; --accent: #0b5fff; --muted: #5f6368; --line: #dde1e6; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f;
       background: #fafafa; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: .8rem 1.2rem; }
header h1 { font-size: 1.3rem; margin: 0 0 .2rem; }
header p { margin: 0; color: var(--muted); }
main { padding: 1rem 1.2rem; max-width: 84rem; margin: 0 auto; }
section { margin-bottom: 1.6rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
form.search { display: flex; gap: .5rem; }
form.search input { flex: 1; min-width: 0; font: inherit; padding: .35rem .5rem; border: 1px solid #6e7781; border-radius: 4px; }
form.search button { font: inherit; padding: .35rem .8rem; }
#search-status { color: var(--muted); font-size: .9rem; margin: .4rem 0; }
#results { list-style: none; padding: 0; margin: 0; }
#results li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem;
              margin-bottom: .5rem; }
/* A long word (a URL in a passage, a title) wraps rather than push a narrow page sideways. */
header, #results { overflow-wrap: anywhere; }
#results .where { font-size: .9rem; color: var(--muted); }
#results .where a { font-weight: 600; }
#results mark { background: #ffe066; padding: 0 .1em; border-radius: 2px; }
#results .note { font-style: italic; color: var(--muted); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status { font-size: .85rem; padding: .05rem .4rem; border-radius: 3px; white-space: nowrap; }
.status.done { background: #e3f4e3; color: #1f6b1f; }
.status.failed { background: #fbe3e3; color: #a32020; }
.status.skipped { background: #eee; color: #555; }
.reason { color: #a32020; font-size: .85rem; }
a { color: var(--accent); }
/* A narrow (or zoomed-in) window scrolls the table, not the page. */
.table-wrap { overflow-x: auto; }
@media (forced-colors: active) { #results mark { forced-color-adjust: none; background: Mark; color: MarkText; } }
"""

# The page's fold and tokens, the server's in JavaScript (catalog.arabic, .hindi, .latin, .tokens):
# ``tokens(text)`` once these are in scope.
TOKENS_SCRIPT = "\n".join(part.SCRIPT.strip("\n") for part in (arabic, hindi, latin, tokens))

SCRIPT = """
(() => {
  "use strict";
  const index = JSON.parse(document.getElementById("catalog-index").textContent);
  const form = document.getElementById("search");
  const box = document.getElementById("q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("results");
  const served = location.protocol === "http:" || location.protocol === "https:";
  const LIMIT = 50;
  // Text of an episode in another language than the page's carries its lang (WCAG 3.1.2), as
  // catalog.page.lang_attribute gives the table's titles.
  const PAGE_LANG = (document.documentElement.lang || "en").toLowerCase();
  const TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
  function otherLang(code) {
    return typeof code === "string" && TAG.test(code) && code.toLowerCase() !== PAGE_LANG ? code : "";
  }
  // ... and runs in its language's direction (lang.codes.RIGHT_TO_LEFT), not in the one its first
  // letter suggests (an Arabic title opening on a Latin word).
  const RTL = new Set(@RTL@);
  function dirOf(lang) { return RTL.has(lang.split("-")[0].toLowerCase()) ? "rtl" : "ltr"; }

  // fold, tokens, Arabic script, Devanagari and Latin letters as the server has them (catalog.tokens,
  // .arabic, .hindi, .latin)
@TOKENS@
  function parse(q) {
    const terms = [];
    for (const m of q.slice(0, 500).matchAll(/"([^"]*)("?)|(\\S+)/g)) {
      const raw = m[1] !== undefined ? m[1].trim() : m[3];
      const toks = tokens(raw);
      const prefix = raw.endsWith("*") && !(toks.length === 1 && toks[0].length < 3);  // as the server
      if (toks.length) terms.push({toks, prefix});
    }
    return terms.slice(0, 12);
  }
  let prepared = null;
  function prepare() {
    if (prepared) return prepared;
    prepared = index.passages.map(([ep, spk, text, deltas, lead = 0, notes = []]) => {
      const words = text.split(" ");
      const toks = [], owner = [], skip = new Set(notes);  // a transcriber's note: shown, never matched
      words.forEach((w, k) => { if (!skip.has(k)) for (const t of tokens(w)) { toks.push(t); owner.push(k); } });
      const times = [];
      let t = 0;
      for (const d of deltas) { t += d; times.push(t / 1000); }
      return {ep, spk, words, toks, owner, times, lead, notes: skip};
    });
    return prepared;
  }
  function occurrences(p, term) {
    const found = [], n = term.toks.length;
    for (let i = 0; i + n <= p.toks.length; i++) {
      let ok = true;
      for (let j = 0; j < n && ok; j++) {
        const want = term.toks[j], have = p.toks[i + j];
        ok = (term.prefix && j === n - 1) ? have.startsWith(want) : have === want;
      }
      if (ok) found.push(i);
    }
    return found;
  }
  function localSearch(q) {
    const terms = parse(q);
    if (!terms.length) return [];
    const hits = [];
    for (const p of prepare()) {
      let count = 0, first = Infinity, every = true;
      const marked = new Set();
      for (const term of terms) {
        const at = occurrences(p, term);
        if (!at.length) { every = false; break; }
        // A match wholly in the lead (words repeated after a cut) is the passage before's: it is
        // not counted, and it is the term's moment only when the term has no other match.
        const own = at.filter((i) => p.owner[i + term.toks.length - 1] >= p.lead);
        count += own.length;
        first = Math.min(first, own.length ? own[0] : at[0]);
        for (const i of at) for (let j = 0; j < term.toks.length; j++) marked.add(p.owner[i + j]);
      }
      if (!every || !count) continue;
      const word = p.owner[first];
      const lo = Math.max(0, word - 10), hi = Math.min(p.words.length, word + 20);
      let snippet = lo > 0 ? "\\u2026" : "";
      const marks = [], notes = [];
      for (let k = lo; k < hi; k++) {
        if (k > lo) snippet += " ";
        if (marked.has(k) && marked.has(k - 1) && k > lo) marks[marks.length - 1][1] = snippet.length + p.words[k].length;
        else if (marked.has(k)) marks.push([snippet.length, snippet.length + p.words[k].length]);
        else if (p.notes.has(k)) notes.push([snippet.length, snippet.length + p.words[k].length]);
        snippet += p.words[k];
      }
      if (hi < p.words.length) snippet += "\\u2026";
      const [id, title, language = null] = index.episodes[p.ep];
      hits.push({episode: id, title, language, speaker: index.speakers[p.spk], start: p.times[word], snippet, marks,
                 notes, score: count / (1 + p.toks.length / 60)});
    }
    hits.sort((a, b) => b.score - a.score);
    return hits;
  }
  function clock(t) {
    const s = Math.floor(t), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = String(s % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
  }
  function href(hit) {
    const base = encodeURIComponent(hit.episode) + "/index.html";
    return hit.start === null || hit.start === undefined ? base : `${base}#t=${hit.start}`;
  }
  function show(hits, total, q) {
    list.replaceChildren();
    for (const hit of hits.slice(0, LIMIT)) {
      const li = document.createElement("li");
      const where = document.createElement("div");
      where.className = "where";
      const a = document.createElement("a");
      a.href = href(hit);
      // The moment is part of the link's name: several results of one episode would otherwise
      // be links of the same name to different places.
      // Titles, names and passages are isolated (bdi; dir from the episode's language, else
      // auto): an Arabic or Hebrew one runs right to left without turning the English around it;
      // with the episode's lang, a screen reader reads them in its language (the moment and the
      // "Unnamed speaker" stay English).
      const lang = otherLang(hit.language);
      const title = document.createElement("bdi");
      title.textContent = hit.title;
      if (lang) { title.lang = lang; title.dir = dirOf(lang); }
      a.append(title, hit.start === null || hit.start === undefined ? "" : ` at ${clock(hit.start)}`);
      const speaker = document.createElement("bdi");
      speaker.textContent = hit.speaker || "Unnamed speaker";
      if (lang && hit.speaker) { speaker.lang = lang; speaker.dir = dirOf(lang); }
      where.append(a, " \\u00b7 ", speaker);
      const p = document.createElement("p");
      p.dir = lang ? dirOf(lang) : "auto";
      if (lang) p.lang = lang;
      // The marked words, and the transcribers' notes muted as the episode preview shows them
      // (span.note); text only ever goes in as textContent.
      const spans = hit.marks.map(([s, e]) => [s, e, "mark"]).concat((hit.notes || []).map(([s, e]) => [s, e, "note"]));
      spans.sort((a, b) => a[0] - b[0]);
      let at = 0;
      for (const [s, e, kind] of spans) {
        if (s < at) continue;
        p.append(hit.snippet.slice(at, s));
        const el = document.createElement(kind === "mark" ? "mark" : "span");
        if (kind === "note") el.className = "note";
        el.textContent = hit.snippet.slice(s, e);
        p.append(el);
        at = e;
      }
      p.append(hit.snippet.slice(at));
      li.append(where, p);
      list.append(li);
    }
    status.textContent = !q ? "" : total === 0 ? "Nothing found." :
      `${total} passage${total === 1 ? "" : "s"}` + (total > LIMIT ? `, the best ${LIMIT} shown.` : ".");
  }
  let asked = 0;
  async function run() {
    const q = box.value.trim();
    const ticket = ++asked;
    if (!q) { show([], 0, q); return; }
    if (index.passages) { const hits = localSearch(q); show(hits, hits.length, q); return; }
    if (!served) { status.textContent = "Search this catalogue with: audiokit serve OUT/"; return; }
    try {
      const r = await fetch("search?limit=" + LIMIT + "&q=" + encodeURIComponent(q));
      const data = await r.json();
      if (ticket !== asked) return;
      if (!r.ok) { status.textContent = data.error || "Search failed."; return; }
      show(data.hits, data.hits.length, q);
    } catch (err) {
      if (ticket === asked) status.textContent = "The server did not answer.";
    }
  }
  let timer = 0;
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
  box.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
  const start = new URLSearchParams(location.search).get("q");
  if (start) { box.value = start; run(); }
  window.audiokitCatalog = {search: run};
})();
""".replace("@TOKENS@", TOKENS_SCRIPT).replace("@RTL@", json.dumps(sorted(RIGHT_TO_LEFT)))
