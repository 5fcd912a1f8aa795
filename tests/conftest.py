"""Keeping expensive shared fixtures to one pytest-xdist worker (``./scripts/test`` runs
``-n auto --dist loadgroup``).

A module- or session-scoped fixture runs once in every worker that gets a test using it. So
every test using the session's pipeline run (``pipeline_out``: the sample aligned, chaptered
and clipped) goes to one group, the tests of a module that share one of the module's own
module-scoped fixtures (an alignment, a batch run, a browser) to a group of that module, and
every other test goes wherever a worker is free.

xdist's own ``loadgroup`` reads ``xdist_group`` marks by renaming test ids, which pytest 9.2
no longer honours (ids are built from ``Item._id``), so here the workers write the groups they
find at collection to a file that a ``loadgroup`` scheduler of our own reads. Without xdist
none of this runs.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

WIDE = ("module", "package", "session")
GROUPS = "AUDIOKIT_TEST_GROUPS"  # the file the workers write and the scheduler reads


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


def _shares_a_wide_fixture(item: pytest.Item) -> bool:
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    # baseid is empty for pytest's own fixtures (tmp_path_factory and the like), which cost nothing.
    return any(d and d[-1].scope in WIDE and d[-1].baseid for d in defs.values())


def groups(items: list[pytest.Item]) -> dict[str, str]:
    """Test id -> group, for the tests that must share a worker."""
    uses = {i.nodeid: "pipeline_out" in getattr(i, "fixturenames", ()) for i in items}
    # A module with pipeline tests keeps its other shared fixtures (its browser) in that group too.
    pipeline = {_module(i) for i in items if uses[i.nodeid]}
    out = {}
    for item in items:
        if uses[item.nodeid]:
            out[item.nodeid] = "pipeline-run"
        elif _shares_a_wide_fixture(item):
            out[item.nodeid] = "pipeline-run" if _module(item) in pipeline else _module(item)
    return out


def _distributing(config: pytest.Config) -> bool:
    return getattr(config.option, "dist", "no") == "loadgroup" and config.pluginmanager.hasplugin("xdist")


def pytest_configure(config: pytest.Config) -> None:
    if _distributing(config) and "PYTEST_XDIST_WORKER" not in os.environ:
        fd, path = tempfile.mkstemp(prefix="audiokit-test-groups.", suffix=".json")
        os.close(fd)
        os.environ[GROUPS] = path  # inherited by the workers, started after this
        config.add_cleanup(lambda: Path(path).unlink(missing_ok=True))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    path = os.environ.get(GROUPS)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if path and worker:
        tmp = Path(f"{path}.{worker}")
        tmp.write_text(json.dumps(groups(items)), encoding="utf-8")
        tmp.replace(path)  # every worker collects the same tests: the same map


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    if not _distributing(config) or not os.environ.get(GROUPS):
        return None
    try:
        from xdist.scheduler import LoadScopeScheduling
    except ImportError:  # a later xdist moved it: its own scheduling (slower: fixtures run per worker)
        return None

    class GroupScheduling(LoadScopeScheduling):
        """xdist's scope scheduling with a test's scope its group, else the test alone. The scopes
        are asked for once every worker has sent its collection, so the file is written by then."""

        _map: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self._map is None:
                self._map = json.loads(Path(os.environ[GROUPS]).read_text(encoding="utf-8") or "{}")
            return self._map.get(nodeid, nodeid)

    return GroupScheduling(config, log)
