"""The preview page's inline style and script (kept apart from the page logic for size)."""

STYLE = """
:root { color-scheme: light; --accent: #0b5fff; --muted: #5f6368; --line: #dde1e6; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f;
       background: #fafafa; overflow-wrap: anywhere; }
header.player { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
                padding: .8rem 1.2rem; }
header.player h1 { font-size: 1.2rem; margin: 0 0 .4rem; }
header.player audio { width: 100%; }
#caption { min-height: 3em; margin-top: .3rem; padding: .3rem .6rem; background: #111; color: #fff;
           border-radius: 4px; white-space: pre-line; font-size: .95rem; }
#caption:empty { background: transparent; }
main { display: grid; grid-template-columns: minmax(14rem, 20rem) 1fr; gap: 1.5rem; padding: 1rem 1.2rem;
       max-width: 84rem; margin: 0 auto; }
@media (max-width: 50rem) { main { grid-template-columns: 1fr; } }
/* Zoomed in (400% of a laptop screen is 320 by 256 pixels) a sticky player would cover the page,
   and a long word (a URL read out) would push it sideways but for the body's overflow-wrap. */
@media (max-height: 32rem) { header.player { position: static; } }
/* Windows high contrast drops backgrounds: keep the playing word and the current chapter seen. */
@media (forced-colors: active) {
  .w.now { forced-color-adjust: none; background: Mark; color: MarkText; }
  #chapter-list li.current button { text-decoration: underline 2px; }
}
section, nav.chapters { margin-bottom: 1.6rem; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
/* Skip links: the first stops of Tab, over the sticky player while focused, else out of sight. */
a.skip { position: absolute; left: -100vw; top: .4rem; z-index: 3; background: #fff; color: #0b3d91;
         padding: .4rem .7rem; border-radius: 4px; }
a.skip:focus { left: .4rem; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
           clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
button.seek { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer;
              text-align: left; }
#chapter-list { list-style: none; padding: 0; margin: 0; }
#chapter-list li button { display: block; width: 100%; padding: .3rem .4rem; border-radius: 4px; }
#chapter-list li button:hover { background: #eef3ff; }
#chapter-list li.current button { background: #dfe9ff; font-weight: 600; }
#chapter-list time, .turn time { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .15rem; }
.turn { margin-bottom: 1rem; }
.turn h3 { font-size: .95rem; margin: 0 0 .15rem; }
.turn p { margin: 0; }
.w { cursor: pointer; border-radius: 3px; }
.w:hover { background: #eef3ff; }
.w.now { background: #ffe066; }
.w.missing { color: #a33; text-decoration: underline dotted; cursor: default; }
.note { font-style: italic; color: var(--muted); }
.timeline img { width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
.clip { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem;
        margin-bottom: .8rem; }
.clip h3 { font-size: .95rem; margin: 0 0 .3rem; }
.clip audio { width: 100%; }
.clip p { margin: .3rem 0; }
.clip .scores { color: var(--muted); font-size: .85rem; }
.clip .social { font-weight: 600; }
.clip ul.reasons { margin: .3rem 0; padding-left: 1.2rem; font-size: .85rem; }
.warnings li { margin-bottom: .3rem; }
.warnings .quote { color: #a33; }
.ok { color: #2a7a2a; }
label.follow, p.keys { font-size: .85rem; color: var(--muted); }
p.keys { margin: .2rem 0 .6rem; }
"""

SCRIPT = """
(() => {
  "use strict";
  const audio = document.getElementById("player");
  const data = JSON.parse(document.getElementById("tracks").textContent);
  function attach(id, text) {
    const el = document.getElementById(id);
    if (!el) return;
    if (text === null) { el.remove(); return; }
    el.src = URL.createObjectURL(new Blob([text], {type: "text/vtt"}));
  }
  attach("captions-track", data.captions);
  attach("chapters-track", data.chapters);
  for (const track of audio.textTracks) {
    if (track.mode === "disabled") track.mode = "hidden";
  }

  const box = document.getElementById("caption");
  const captions = Array.from(audio.textTracks).find((t) => t.kind === "captions");
  if (captions) {
    captions.mode = "hidden";
    captions.addEventListener("cuechange", () => {
      const lines = [];
      for (const cue of Array.from(captions.activeCues || [])) {
        const shown = cue.getCueAsHTML();
        const voice = shown.querySelector ? shown.querySelector("span[title]") : null;
        lines.push((voice ? voice.title + ": " : "") + shown.textContent);
      }
      // Not a live region: a screen reader would read every cue over the speech it is playing.
      box.textContent = lines.join("\\n");
    });
  }

  function seek(t) {
    if (!Number.isFinite(t)) return;
    audio.currentTime = t;
    update();
  }
  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-seek]");
    if (target) { seek(parseFloat(target.dataset.seek)); return; }
    const word = event.target.closest(".w[data-s]");
    if (word) seek(parseFloat(word.dataset.s));
  });

  const words = Array.from(document.querySelectorAll("#transcript .w[data-s]"));
  const starts = words.map((w) => parseFloat(w.dataset.s));
  const ends = words.map((w) => parseFloat(w.dataset.e));
  const chapterItems = Array.from(document.querySelectorAll("#chapter-list li"));
  const chapterStarts = chapterItems.map((li) => parseFloat(li.dataset.start));
  const follow = document.getElementById("follow");
  // Following the playing word scrolls the page by itself: off from the start for a reader
  // who asked for reduced motion (the box turns it on).
  if (follow && matchMedia("(prefers-reduced-motion: reduce)").matches) follow.checked = false;
  // The player's header sticks to the top: keep what takes focus (or is scrolled to) below it.
  // Its title scrolls away with the page (a negative top lets that much of a sticky box go): on a
  // phone a long title took three lines, a quarter of the screen, on every scroll.
  const header = document.querySelector("header.player");
  if (header) {
    const title = header.querySelector("h1");
    const pad = () => {
      const stuck = getComputedStyle(header).position === "sticky";
      // The title and the header's padding above it (in fractions of a pixel: none of it may peek out).
      const away = stuck && title ? title.getBoundingClientRect().bottom - header.getBoundingClientRect().top : 0;
      header.style.top = stuck ? -away + "px" : "";
      document.documentElement.style.scrollPaddingTop = stuck ? (header.offsetHeight - away + 8) + "px" : "";
    };
    pad();
    new ResizeObserver(pad).observe(header);
    window.addEventListener("resize", pad);
  }
  let current = -1, currentChapter = -1;

  // The transcript is one Tab stop whose focus roves over the timed words. Only the roving word
  // has a tabindex (and a name with its time): 30,000 labelled words would add some 700 KB, and
  // a mouse click elsewhere does not pull focus in. While focus is outside, it follows the
  // playing word, so Tab lands where the audio is.
  const transcript = document.getElementById("transcript");
  let roving = -1;
  const pad2 = (n) => String(n).padStart(2, "0");
  const clockOf = (t) => { const s = Math.floor(t), m = Math.floor(s / 60);
    return m >= 60 ? `${Math.floor(m / 60)}:${pad2(m % 60)}:${pad2(s % 60)}` : `${m}:${pad2(s % 60)}`; };
  function rove(k, describe) {
    if (roving >= 0 && roving !== k) {
      for (const a of ["tabindex", "role", "aria-label", "aria-describedby"]) words[roving].removeAttribute(a);
    }
    roving = k;
    const w = words[k];
    w.tabIndex = 0;
    w.setAttribute("role", "button");
    w.setAttribute("aria-label", `${w.textContent}, ${clockOf(starts[k])}`);  // the word first: heard at once
    // The keys are told on the way in, not again on every word.
    if (describe) w.setAttribute("aria-describedby", "transcript-keys"); else w.removeAttribute("aria-describedby");
  }
  // Focus put there by the keyboard (a mouse click on the roving word does not count; a browser
  // without :focus-visible, before Safari 15.4, counts any focus rather than throw).
  const shown = (e) => { try { return e.matches(":focus-visible"); } catch (_) { return true; } };
  const keyboardInside = () => transcript.contains(document.activeElement) && shown(document.activeElement);
  const turnOf = (j) => words[j].closest(".turn");
  const opens = {sentence: (j) => words[j].classList.contains("s"), turn: (j) => j === 0 || turnOf(j) !== turnOf(j - 1)};
  const after = (k, first) => { for (let j = k + 1; j < words.length; j++) if (first(j)) return j; return k; };
  // Back to the start of this sentence (or turn), or of the one before when already there.
  const before = (k, first) => { for (let j = k - 1; j > 0; j--) if (first(j)) return j; return 0; };
  // In a right-to-left transcript (Arabic, Hebrew) the next word is the one to the left.
  const ahead = transcript && getComputedStyle(transcript).direction === "rtl" ? -1 : 1;
  const moves = {
    ArrowRight: (k) => k + ahead, ArrowLeft: (k) => k - ahead,
    ArrowDown: (k) => after(k, opens.sentence), ArrowUp: (k) => before(k, opens.sentence),
    PageDown: (k) => after(k, opens.turn), PageUp: (k) => before(k, opens.turn),
    Home: () => 0, End: () => words.length - 1,
  };
  if (transcript && words.length) {
    rove(0, true);
    transcript.addEventListener("keydown", (event) => {
      if (event.target !== words[roving] || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key === "Enter" || event.key === " ") {
        seek(starts[roving]);  // as a click does: the player goes there, playing or paused as it was
      } else if (event.key === "k") {
        // Play or pause without leaving the word (YouTube's key; only while a word has focus,
        // so it never takes a letter from a screen reader's browse mode).
        if (audio.paused) audio.play().catch(() => {}); else audio.pause();
      } else if (moves[event.key]) {
        rove(Math.max(0, Math.min(words.length - 1, moves[event.key](roving))), false);
        words[roving].focus();
      } else {
        return;
      }
      event.preventDefault();  // the page itself does not scroll too
    });
    transcript.addEventListener("focusout", (event) => {
      if (!transcript.contains(event.relatedTarget)) words[roving].setAttribute("aria-describedby", "transcript-keys");
    });
  }

  function lastAtOrBefore(list, t) {
    let lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] <= t + 1e-6) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function update() {
    const t = audio.currentTime;
    let k = lastAtOrBefore(starts, t);
    if (k >= 0 && t > ends[k] + 1.0) k = -1;
    if (k !== current) {
      if (current >= 0) words[current].classList.remove("now");
      current = k;
      if (k >= 0) {
        words[k].classList.add("now");
        // A keyboard user in the transcript keeps their word and their view.
        const kept = keyboardInside();
        if (!kept) rove(k, true);
        if (follow && follow.checked && !audio.paused && !kept) words[k].scrollIntoView({block: "nearest"});
      }
    }
    const c = lastAtOrBefore(chapterStarts, t);
    if (c !== currentChapter) {
      if (currentChapter >= 0) {
        chapterItems[currentChapter].classList.remove("current");
        chapterItems[currentChapter].querySelector("button").removeAttribute("aria-current");
      }
      currentChapter = c;
      if (c >= 0) {
        chapterItems[c].classList.add("current");
        chapterItems[c].querySelector("button").setAttribute("aria-current", "true");  // told, not just shown
      }
    }
  }
  function tick() {
    update();
    if (!audio.paused) requestAnimationFrame(tick);
  }
  audio.addEventListener("play", () => requestAnimationFrame(tick));
  audio.addEventListener("seeked", update);
  audio.addEventListener("timeupdate", update);
  // A link to "index.html#t=SECONDS" (or #t=[h:]mm:ss, as in media fragments) opens the
  // episode at that moment, e.g. from a catalogue search result.
  function fromHash() {
    const m = /^#t=(?:npt:)?(\\d+(?:\\.\\d+)?|(?:\\d+:)?\\d+:\\d+(?:\\.\\d+)?)(?:,|$)/.exec(location.hash);
    if (!m) return;
    const t = m[1].split(":").reduce((acc, part) => acc * 60 + parseFloat(part), 0);
    const go = () => {
      seek(t);
      if (current >= 0) words[current].scrollIntoView({block: "center"});
    };
    if (audio.readyState >= 1) go(); else audio.addEventListener("loadedmetadata", go, {once: true});
  }
  fromHash();
  window.addEventListener("hashchange", fromHash);
  window.audiokitPreview = {seek, current: () => (current >= 0 ? words[current] : null)};
})();
"""
