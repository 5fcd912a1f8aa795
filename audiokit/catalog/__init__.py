"""The catalogue of a batch: ``catalog.sqlite`` (episodes, chapters, clips and a full-text
index over every transcript with word times), search over it, and the catalogue page
``index.html``. ``audiokit batch`` writes it; ``audiokit serve`` reads it."""

from audiokit.catalog.db import index_episode, keep_only, open_catalog, optimize, record_episode
from audiokit.catalog.page import write_catalog_page
from audiokit.catalog.search import Hit, fts_query, search

__all__ = ["Hit", "fts_query", "index_episode", "keep_only", "open_catalog", "optimize", "record_episode",
           "search", "write_catalog_page"]
