"""The dev sets' feature cache key (scripts/chapters_data.py): it follows the data and the code."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import chapters_data


@pytest.fixture
def package(tmp_path, monkeypatch):
    root = tmp_path / "pkg"
    (root / "chapters").mkdir(parents=True)
    (root / "text").mkdir()
    (root / "chapters" / "features.py").write_text("A = 1\n")
    (root / "chapters" / "boundary_model.json").write_text("{}")
    (root / "text" / "letters.py").write_text("")
    (root / "model.py").write_text("")
    (root / "episode_json.py").write_text("")
    monkeypatch.setattr(chapters_data, "_PACKAGE", root)
    chapters_data.code_digest.cache_clear()
    yield root
    chapters_data.code_digest.cache_clear()


def _key_after_edit(data, edited, text):
    """The key of ``data`` before and after ``edited`` is rewritten with ``text``."""
    before = chapters_data._key(data)
    edited.write_text(text)
    chapters_data.code_digest.cache_clear()
    return before, chapters_data._key(data)


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "meeting.json"
    path.write_text('{"x": 1}')
    return path


def test_key_follows_the_feature_code(package, data):
    before, after = _key_after_edit(data, package / "chapters" / "features.py", "A = 2\n")
    assert after != before


def test_key_ignores_the_trained_model_file(package, data):
    before, after = _key_after_edit(data, package / "chapters" / "boundary_model.json", '{"retrained": true}')
    assert after == before


def test_key_follows_the_data_not_its_mtime(package, data):
    before = chapters_data._key(data)
    data.touch()
    assert chapters_data._key(data) == before
    data.write_text('{"x": 2}')
    assert chapters_data._key(data) != before
