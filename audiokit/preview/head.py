"""The head shared by audiokit's self-contained pages (episode preview, catalogue page):
a strict Content-Security-Policy that allows only the page's own inline script and style."""

from __future__ import annotations

import base64
import hashlib
import html

__all__ = ["csp_hash", "page_head"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script or style.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_head(title: str, csp: str, style: str) -> str:
    """The ``<!DOCTYPE>`` up to ``<body>`` of a self-contained audiokit page (escaped title,
    the page's CSP, its inline style); shared by the episode preview and the catalogue page."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">
<meta name="generator" content="audiokit">
<title>{_e(title)}</title>
<style>{style}</style>
</head>
<body>
"""
