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


def test_key_follows_the_feature_code(package, tmp_path):
    data = tmp_path / "meeting.json"
    data.write_text('{"x": 1}')
    before = chapters_data._key(data)
    (package / "chapters" / "features.py").write_text("A = 2\n")
    chapters_data.code_digest.cache_clear()
    assert chapters_data._key(data) != before


def test_key_ignores_the_trained_model_file(package, tmp_path):
    data = tmp_path / "meeting.json"
    data.write_text('{"x": 1}')
    before = chapters_data._key(data)
    (package / "chapters" / "boundary_model.json").write_text('{"retrained": true}')
    chapters_data.code_digest.cache_clear()
    assert chapters_data._key(data) == before


def test_key_follows_the_data_not_its_mtime(package, tmp_path):
    data = tmp_path / "meeting.json"
    data.write_text('{"x": 1}')
    before = chapters_data._key(data)
    data.touch()
    assert chapters_data._key(data) == before
    data.write_text('{"x": 2}')
    assert chapters_data._key(data) != before
