"""The code fingerprint that keys the stage cache and the batch stamps."""

from __future__ import annotations

from pathlib import Path

from audiokit import __version__
from audiokit.fingerprint import code_version, tree_digest
from audiokit.pipeline.cache import stage_key


def _tree(root: Path) -> Path:
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("x = 1\n")
    (root / "pkg" / "sub" / "model.json").write_text("{}\n")
    return root / "pkg"


def test_digest_changes_with_any_file(tmp_path: Path) -> None:
    pkg = _tree(tmp_path)
    base = tree_digest(pkg)
    assert tree_digest(pkg) == base
    (pkg / "sub" / "model.json").write_text('{"w": 1}\n')
    edited = tree_digest(pkg)
    assert edited != base
    (pkg / "sub" / "model.json").rename(pkg / "model.json")
    assert tree_digest(pkg) not in (base, edited)


def test_digest_ignores_compiled_caches(tmp_path: Path) -> None:
    pkg = _tree(tmp_path)
    base = tree_digest(pkg)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (pkg / "b.pyc").write_bytes(b"\0")
    assert tree_digest(pkg) == base


def test_stage_keys_follow_the_running_code() -> None:
    assert code_version().startswith(__version__ + "+")
    assert stage_key("align", {}) == stage_key("align", {}, version=code_version())
    assert stage_key("align", {}) != stage_key("align", {}, version=__version__)
