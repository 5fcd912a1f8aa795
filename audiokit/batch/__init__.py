"""``audiokit batch``: the pipeline of ``audiokit run`` for every episode of a catalogue (a
folder, a manifest or an RSS feed file), one Dask task per episode, with ``OUT/catalog.json``,
the catalogue database and page, and the feed written back with Podcasting 2.0 elements.

>>> from audiokit.batch import BatchOptions, run_batch                      # doctest: +SKIP
>>> result = run_batch("feed.xml", "site/", batch=BatchOptions(workers=2,    # doctest: +SKIP
...                    base_url="https://example.org/site/"))
>>> result.count("failed")                                                  # doctest: +SKIP
0
"""

from audiokit.batch.runner import BatchOptions, BatchResult, Progress, run_batch

__all__ = ["BatchOptions", "BatchResult", "Progress", "run_batch"]
