"""Colour contrast of the pages' palettes, computed from their CSS as WCAG 2 defines it: text
at least 4.5:1 against what it sits on (AA), focus rings and input borders at least 3:1
(non-text contrast). The colours are read from the style sheets themselves, so a new colour
in a rule is checked without touching this file."""

from __future__ import annotations

import re

import pytest

from audiokit.catalog import page_assets
from audiokit.preview import assets


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of ``#rgb`` or ``#rrggbb``."""
    h = colour.lstrip("#")
    h = "".join(ch * 2 for ch in h) if len(h) == 3 else h
    r, g, b = (_channel(int(h[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours.

    >>> round(ratio("#000", "#fff"), 1)
    21.0
    """
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rules(css: str) -> dict[str, dict[str, str]]:
    """Declarations by single selector (a rule for ``a, b`` counts for both), later rules winning."""
    out: dict[str, dict[str, str]] = {}
    # High-contrast rules use the system's own colours (Mark, Highlight...), not the palette.
    css = re.sub(r"@media\s*\(forced-colors[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}", "", css)
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"@media[^{]*\{", "", css)):
        decls = {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d)}
        for sel in selectors.split(","):
            out.setdefault(" ".join(sel.split()), {}).update(decls)
    return out


def colour(css: str, selector: str, prop: str) -> str:
    """The colour ``prop`` of ``selector`` in ``css`` (``var(--x)`` resolved, ``background``
    read for ``background-color``, and ``outline``/``border`` shorthands' colour part)."""
    table = rules(css)
    decls = table[selector]
    value = decls.get(prop) or (decls.get("background") if prop == "background-color" else None)
    assert value is not None, f"{selector} sets no {prop}"
    var = re.search(r"var\((--[\w-]+)\)", value)
    if var:
        value = table[":root"][var.group(1)]
    found = re.search(r"#[0-9a-fA-F]{3,6}\b", value)
    assert found is not None, f"{selector} {prop}: {value!r} is not a hex colour"
    return found.group(0)


PREVIEW, CATALOGUE = assets.STYLE, page_assets.STYLE

# (what, foreground (selector, property), background (selector, property)): every text colour
# with every surface it is shown on, hover and current states included.
TEXT = [
    ("preview body", PREVIEW, ("body", "color"), ("body", "background-color")),
    ("preview muted times", PREVIEW, (":root", "--muted"), ("body", "background-color")),
    ("preview current chapter time", PREVIEW, (":root", "--muted"), ("#chapter-list li.current button", "background-color")),
    ("preview hovered chapter time", PREVIEW, (":root", "--muted"), ("#chapter-list li button:hover", "background-color")),
    ("preview current chapter title", PREVIEW, ("body", "color"), ("#chapter-list li.current button", "background-color")),
    ("preview caption box", PREVIEW, ("#caption", "color"), ("#caption", "background-color")),
    ("preview playing word", PREVIEW, ("body", "color"), (".w.now", "background-color")),
    ("preview missing word", PREVIEW, (".w.missing", "color"), ("body", "background-color")),
    ("preview hovered missing word", PREVIEW, (".w.missing", "color"), (".w:hover", "background-color")),
    ("preview report quote", PREVIEW, (".warnings .quote", "color"), ("body", "background-color")),
    ("preview ok line", PREVIEW, (".ok", "color"), ("body", "background-color")),
    ("preview follow label", PREVIEW, ("label.follow", "color"), ("body", "background-color")),
    ("preview transcript keys line", PREVIEW, ("p.keys", "color"), ("body", "background-color")),
    ("preview clip scores", PREVIEW, (".clip .scores", "color"), (".clip", "background-color")),
    ("preview skip link", PREVIEW, ("a.skip", "color"), ("a.skip", "background")),
    ("catalogue body", CATALOGUE, ("body", "color"), ("body", "background-color")),
    ("catalogue summary", CATALOGUE, ("header p", "color"), ("header", "background-color")),
    ("catalogue search status", CATALOGUE, ("#search-status", "color"), ("body", "background-color")),
    ("catalogue result place", CATALOGUE, ("#results .where", "color"), ("#results li", "background-color")),
    ("catalogue result link", CATALOGUE, ("a", "color"), ("#results li", "background-color")),
    ("catalogue link on the page", CATALOGUE, ("a", "color"), ("body", "background-color")),
    ("catalogue marked word", CATALOGUE, ("body", "color"), ("#results mark", "background-color")),
    ("catalogue table head", CATALOGUE, ("th", "color"), ("table", "background-color")),
    ("catalogue done", CATALOGUE, (".status.done", "color"), (".status.done", "background-color")),
    ("catalogue failed", CATALOGUE, (".status.failed", "color"), (".status.failed", "background-color")),
    ("catalogue skipped", CATALOGUE, (".status.skipped", "color"), (".status.skipped", "background-color")),
    ("catalogue failure reason", CATALOGUE, (".reason", "color"), ("table", "background-color")),
]

NON_TEXT = [
    ("preview focus ring on the page", PREVIEW, (":focus-visible", "outline"), ("body", "background-color")),
    ("preview focus ring on the current chapter", PREVIEW, (":focus-visible", "outline"),
     ("#chapter-list li.current button", "background-color")),
    ("preview focus ring on the header", PREVIEW, (":focus-visible", "outline"), ("header.player", "background")),
    # The transcript's focused word may be the one playing.
    ("preview focus ring on the playing word", PREVIEW, (":focus-visible", "outline"), (".w.now", "background-color")),
    ("catalogue focus ring", CATALOGUE, (":focus-visible", "outline"), ("body", "background-color")),
    ("catalogue search box border", CATALOGUE, ("form.search input", "border"), ("body", "background-color")),
]


def _pair(css: str, fg: tuple[str, str], bg: tuple[str, str]) -> float:
    return ratio(colour(css, *fg), colour(css, *bg))


@pytest.mark.parametrize(("what", "css", "fg", "bg"), TEXT, ids=[t[0] for t in TEXT])
def test_text_meets_wcag_aa(what: str, css: str, fg: tuple[str, str], bg: tuple[str, str]) -> None:
    assert _pair(css, fg, bg) >= 4.5, what


@pytest.mark.parametrize(("what", "css", "fg", "bg"), NON_TEXT, ids=[t[0] for t in NON_TEXT])
def test_focus_rings_and_borders_meet_non_text_contrast(what: str, css: str, fg: tuple[str, str],
                                                         bg: tuple[str, str]) -> None:
    assert _pair(css, fg, bg) >= 3.0, what


def test_the_search_box_border_was_too_faint_before() -> None:
    # #b8bec6 on white (1.9:1) was the catalogue's search box border: a low-vision reader could
    # not see where to type.
    assert ratio("#b8bec6", "#ffffff") < 3.0 <= ratio(colour(CATALOGUE, "form.search input", "border"), "#ffffff")
