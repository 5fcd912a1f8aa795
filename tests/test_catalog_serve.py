"""``audiokit serve``: started on loopback by the tests, asked over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from catalog_fixtures import Server, catalog, pipeline_out, server, unique_phrase  # noqa: F401  (fixtures)


def test_listens_on_loopback_only_by_default(server: Server) -> None:  # noqa: F811
    assert server.url.startswith("http://127.0.0.1:")


def test_search_answers_a_phrase_with_episode_speaker_and_moment(server: Server, catalog: tuple[Path, Any]) -> None:  # noqa: F811
    phrase, start = unique_phrase(catalog[1]["episodes"], "part-3")
    status, headers, body = server.get("/search?q=" + quote(f'"{phrase}"'))
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert headers["X-Content-Type-Options"] == "nosniff"
    hits = json.loads(body)["hits"]
    assert len(hits) == 1 and hits[0]["episode"] == "part-3"
    assert hits[0]["start"] == pytest.approx(start, abs=0.001)
    page, t = hits[0]["href"].split("#t=")
    assert page == "part-3/index.html" and float(t) == pytest.approx(start, abs=0.0005)
    speakers = {t.speaker for t in catalog[1]["episodes"]["part-3"].turns}
    assert hits[0]["speaker"] in speakers
    longest = max(phrase.split(), key=len)
    prefix = longest[: max(3, len(longest) - 1)] + "*"
    assert json.loads(server.get("/search?q=" + quote(prefix))[2])["hits"]


@pytest.mark.parametrize("query", ['<img src=x onerror=alert(1)>', "'; DROP TABLE episodes; --", '"', "NEAR(a",
                                   "%00", "a\" OR 1=1 --", "</script>"])
def test_hostile_queries_answer_json_never_an_error(server: Server, query: str) -> None:  # noqa: F811
    status, headers, body = server.get("/search?q=" + quote(query))
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert b"<img" not in body and b"</script" not in body
    assert isinstance(json.loads(body)["hits"], list)
    assert server.get("/search?q=the")[0] == 200


def test_serves_the_catalogue_page_previews_and_audio_ranges(server: Server, catalog: tuple[Path, Any]) -> None:  # noqa: F811
    out = catalog[0]
    status, _, body = server.get("/")
    assert status == 200 and body == (out / "index.html").read_bytes()
    status, _, body = server.get("/part-3/index.html")
    assert status == 200 and body == (out / "part-3" / "index.html").read_bytes()
    audio = next(p for p in (out / "part-3").iterdir() if p.suffix == ".mp3")
    status, _, body = server.get(f"/part-3/{quote(audio.name)}", {"Range": "bytes=100-199"})
    assert status == 206 and body == audio.read_bytes()[100:200]  # players seek with ranges


def test_on_loopback_only_requests_for_loopback_names_are_answered(server: Server) -> None:  # noqa: F811
    assert server.get("/", {"Host": "evil.example:80"})[0] == 403
    assert server.get("/search?q=x", {"Host": "evil.example"})[0] == 403
    assert server.get("/", {"Host": "localhost"})[0] == 200


def test_never_serves_outside_the_folder_nor_hidden_files(server: Server, catalog: tuple[Path, Any]) -> None:  # noqa: F811
    hidden = catalog[0] / ".secret"
    hidden.write_text("no", encoding="utf-8")
    try:
        assert server.get("/.secret")[0] == 404
    finally:
        hidden.unlink()
    assert server.get("/../../../../etc/passwd")[0] in (400, 403, 404)
    assert server.get("/%2e%2e/%2e%2e/etc/passwd")[0] in (400, 403, 404)


def test_a_folder_without_a_database_says_so(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    s = Server(tmp_path)
    try:
        status, _, body = s.get("/search?q=x")
        assert status == 503 and "catalog.sqlite" in json.loads(body)["error"]
        assert s.get("/")[0] == 200
    finally:
        s.stop()


def test_bad_folder_and_busy_port_are_one_line_each(tmp_path: Path, server: Server) -> None:  # noqa: F811
    missing = subprocess.run([sys.executable, "-m", "audiokit", "serve", str(tmp_path / "nope")],
                             check=False, capture_output=True, text=True, timeout=30)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "nope" in missing.stderr
    empty = subprocess.run([sys.executable, "-m", "audiokit", "serve", str(tmp_path)],
                           check=False, capture_output=True, text=True, timeout=30)
    assert empty.returncode == 2 and empty.stderr.count("\n") == 1 and "has no index.html" in empty.stderr
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    port = server.url.rstrip("/").rsplit(":", 1)[1]
    busy = subprocess.run([sys.executable, "-m", "audiokit", "serve", str(tmp_path), "--port", port],
                          check=False, capture_output=True, text=True, timeout=30)
    assert busy.returncode == 2 and busy.stderr.count("\n") == 1 and port in busy.stderr
    assert "Traceback" not in missing.stderr + empty.stderr + busy.stderr


def test_search_answers_each_hit_with_its_episode_s_language(tmp_path: Path) -> None:
    # The page marks a result lang="ar" from it (WCAG 3.1.2); an English one says "en".
    from catalog_fixtures import language_catalog

    language_catalog(tmp_path / "OUT")
    served = Server(tmp_path / "OUT")
    try:
        status, _, body = served.get("/search?q=2019")
        assert status == 200
        hits = json.loads(body)["hits"]
        assert sorted((h["episode"], h["language"]) for h in hits) == [("ar", "ar"), ("en-1", "en"), ("hi", "hi")]
        hits = json.loads(served.get("/search?q=" + quote("بالنعناع"))[2])["hits"]
        assert [(h["episode"], h["language"], h["title"]) for h in hits] == [("ar", "ar", "الشاي بالنعناع")]
    finally:
        served.stop()
