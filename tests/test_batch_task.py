"""The per-episode task: each episode in a process forked by the worker's helper (the fork
server), its record back, whatever kills that process reported as that episode's failure, and
an episode already done told from its stamp without any process."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.batch import done, forkserver, task
from audiokit.batch.runner import align_processes, task_key
from audiokit.batch.task import Job, run_episode
from audiokit.pipeline import Options
from audiokit.pipeline.cache import CACHE_DIR, memo_key


class _Code:
    """Unpickles by running ``code``: a job that does this in its episode process."""

    language = None  # what the worker's side reads of a job's options (a failed record's language)

    def __init__(self, code: str) -> None:
        self.code = code

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (exec, (self.code,))


def _job(tmp_path: Path, audio: str = "missing.mp3", options: object = None) -> Job:
    (tmp_path / "t.txt").write_text("Ann: Hello there.\n", encoding="utf-8")
    (tmp_path / "out").mkdir(exist_ok=True)
    return Job("ep", "Ep", str(tmp_path / audio), str(tmp_path / "t.txt"), str(tmp_path / "out" / "ep"),
               Options() if options is None else options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server():
    """A helper of these tests' own, used by run_episode (and stopped afterwards)."""
    helper = forkserver.ForkServer()
    forkserver._idle.append(helper)
    yield helper
    forkserver._idle.remove(helper)
    helper.close()


def test_the_episode_process_returns_the_record(tmp_path: Path, server) -> None:
    rec = run_episode(_job(tmp_path))
    assert rec["id"] == "ep" and rec["status"] == "failed"
    assert "missing.mp3" in rec["reason"] and "no such file" in rec["reason"]
    assert server.ready["threads"] == 1  # nothing but the main thread when it forks


@pytest.mark.parametrize(("code", "said"), [
    ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)",
     "the process running it was killed by SIGKILL (out of memory?)"),
    ("import os, sys; sys.stderr.write('Segmentation fault\\n'); sys.stderr.flush(); os._exit(139)",
     "internal error (a bug in audiokit, please report it): Segmentation fault"),
])
def test_an_episode_that_dies_fails_alone(tmp_path: Path, server, code: str, said: str) -> None:
    rec = run_episode(_job(tmp_path, options=_Code(code)))
    assert rec["status"] == "failed" and rec["reason"] == said
    helper = server.pid
    after = run_episode(_job(tmp_path))  # the same helper goes on with the next episode
    assert server.pid == helper and "no such file" in after["reason"]


def test_the_record_gives_the_cpu_seconds_of_the_episode_and_its_tools(tmp_path: Path, server) -> None:
    burn = "import time; t = time.process_time()\nwhile time.process_time() - t < 0.4: pass"
    code = f"import subprocess, sys, os; subprocess.run([sys.executable, '-c', {burn!r}]); os._exit(1)"
    rec = run_episode(_job(tmp_path, options=_Code(code)))  # the CPU is spent by a tool it runs
    assert rec["status"] == "failed" and rec["cpu_seconds"] >= 0.4


def test_a_helper_that_dies_is_started_again(tmp_path: Path, server) -> None:
    run_episode(_job(tmp_path))
    first = server.pid
    rec = run_episode(_job(tmp_path, options=_Code("import os, signal; os.kill(os.getppid(), signal.SIGKILL)")))
    assert rec["status"] == "failed" and rec["reason"].startswith("the helper process running it died")
    assert "no such file" in run_episode(_job(tmp_path))["reason"]
    assert server.pid not in (None, first)


@pytest.fixture
def no_helpers(monkeypatch):
    """This process with no idle helper of its own (the module's ``server`` set aside)."""
    idle: list[forkserver.ForkServer] = []
    monkeypatch.setattr(forkserver, "_idle", idle)
    yield idle
    for helper in idle:
        helper.close()


def test_a_prestarted_helper_is_the_one_the_first_episode_uses(tmp_path: Path, no_helpers) -> None:
    forkserver.prestart()
    forkserver.prestart()  # one helper at most: it is idle already
    assert len(no_helpers) == 1
    helper = no_helpers[0]
    assert helper.pid is not None and not helper.ready  # started, not waited for
    rec = run_episode(_job(tmp_path))
    assert "no such file" in rec["reason"]
    assert no_helpers == [helper] and helper.ready["threads"] == 1


def test_a_prestarted_helper_that_dies_while_loading_is_replaced(tmp_path: Path, no_helpers) -> None:
    forkserver.prestart()
    first = no_helpers[0].pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    rec = run_episode(_job(tmp_path))
    assert "no such file" in rec["reason"]
    assert no_helpers[0].pid not in (None, first)


def test_a_helper_still_loading_stops_at_once(no_helpers) -> None:
    # Ctrl-C or the end of a batch right after start-up does not wait for the models to load.
    forkserver.prestart()
    helper = no_helpers[0]
    pid = helper.pid
    began = time.monotonic()
    helper.close()
    assert time.monotonic() - began < 2.0 and helper.pid is None
    assert pid is not None and _gone(pid, 5)


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_a_dead_worker_takes_its_helper_and_episode_with_it(tmp_path: Path) -> None:
    """A worker killed mid-episode (its task goes to another worker): its helper and the
    episode process stop too, instead of writing on beside the retry."""
    pid_file = tmp_path / "episode.pid"
    worker = f"""
import sys
from audiokit.batch.forkserver import ForkServer
from audiokit.batch.task import Job
class Code:
    def __reduce__(self):
        return (exec, ("import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(120)",))
s = ForkServer()
s._start()
print(s.pid, flush=True)
s.run(Job("ep", "Ep", "a.mp3", "a.txt", {str(tmp_path)!r}, Code()))
"""
    proc = subprocess.Popen([sys.executable, "-c", worker], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    helper = int(proc.stdout.readline())
    deadline = time.monotonic() + 60
    while not pid_file.is_file() or not pid_file.read_text():
        assert time.monotonic() < deadline and proc.poll() is None, "the episode did not start"
        time.sleep(0.1)
    episode = int(pid_file.read_text())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _gone(episode, 15) and _gone(helper, 15)


def _done_episode(tmp_path: Path, **stamp: object) -> tuple[Job, Path]:
    """A job whose stamp says it is done, made by hand: inputs with their digests in the
    stage cache's memo, one output file and the stamp (``stamp``: more arguments of
    :func:`done.write_stamp`)."""
    job = _job(tmp_path, audio="a.mp3")
    audio, transcript, out = Path(job.audio), Path(job.transcript), Path(job.out)
    audio.write_bytes(b"not really audio")
    (out / CACHE_DIR).mkdir(parents=True)
    memo = {}
    for p in (audio, transcript):
        st = p.stat()
        memo[memo_key(p)] = [st.st_size, st.st_ino, st.st_mtime_ns, "digest-of-" + p.name]
    (out / CACHE_DIR / "digests.json").write_text(json.dumps(memo), encoding="utf-8")
    (out / "episode.json").write_text("{}", encoding="utf-8")
    rec = {"coverage": 0.9, "duration": 12.5, "chapters": 2, "clips": 1, "preview": "ep/index.html"}
    assert done.write_stamp(audio, transcript, out, job.options, rec, ["align", "captions"], [out / "episode.json"],
                            **stamp)  # type: ignore[arg-type]
    return job, out


def test_a_done_episode_starts_no_process(tmp_path: Path, monkeypatch) -> None:
    job, _ = _done_episode(tmp_path)

    def no_process(job: Job) -> dict:
        raise AssertionError("a process was started for an episode that is done")

    monkeypatch.setattr(task, "run_forked", no_process)
    rec = run_episode(job)
    assert rec["status"] == "done" and rec["seconds"] == 0.0 and rec["cached"] == ["align", "captions"]
    assert rec["cpu_seconds"] is None
    assert (rec["coverage"], rec["duration"], rec["chapters"], rec["clips"]) == (0.9, 12.5, 2, 1)
    assert rec["audio"] == job.audio and rec["title"] == "Ep"


@pytest.mark.parametrize(("title", "given", "said", "shown"), [
    ("The First", True, "Tomatoes and basil", "The First"),  # the manifest's or feed's own title stays
    ("ep042", False, "Tomatoes and basil", "Tomatoes and basil"),  # a file stem gives way
    ("ep042", False, "  Tomatoes \t and\nbasil ", "Tomatoes and basil"),  # on one line
    ("ep042", False, None, "ep042"),  # a transcript without a title: the stem
    ("ep042", False, " ", "ep042"),
])
def test_a_record_shows_the_transcripts_title_only_in_place_of_a_stand_in(
        title: str, given: bool, said: str | None, shown: str) -> None:
    job = Job("ep042", title, "/a/ep042.mp3", "/a/ep042.txt", "/o/ep042", Options(), title_given=given)
    assert task.record_title(job, said) == shown


def test_a_done_episode_keeps_its_transcripts_title_from_the_stamp(tmp_path: Path, monkeypatch) -> None:
    # The stamp holds the transcript's title: a re-run runs nothing and reads neither the
    # transcript ("Ann: Hello there.", no title) nor episode.json ("{}") to title the record.
    job, out = _done_episode(tmp_path, transcript_title="Tomatoes & <basil>")
    stand_in = replace(job, title="ep", title_given=False)
    monkeypatch.setattr(task, "run_forked", lambda job: pytest.fail("a process was started for a done episode"))
    rec = run_episode(stand_in)
    assert rec["status"] == "done" and rec["seconds"] == 0.0 and rec["title"] == "Tomatoes & <basil>"
    assert rec["id"] == "ep" and rec["preview"] == "ep/index.html"  # the id (the folder) stays
    assert "transcript_title" not in rec
    assert run_episode(job)["title"] == "Ep"  # a title the source gave stays
    # A stamp from before titles were kept: done all the same, titled as before.
    stamp = json.loads((out / CACHE_DIR / done.STAMP).read_text(encoding="utf-8"))
    del stamp["transcript_title"]
    (out / CACHE_DIR / done.STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    rec = run_episode(stand_in)
    assert rec["status"] == "done" and rec["title"] == "ep"


def test_a_done_episode_keeps_its_language_and_loudness_from_the_stamp(tmp_path: Path, monkeypatch) -> None:
    # catalog.json's language (and loudness) of an episode told done from its stamp, with no
    # process: what the run that finished it found, not the job's blanks.
    job, out = _done_episode(tmp_path)
    stamp = json.loads((out / CACHE_DIR / done.STAMP).read_text(encoding="utf-8"))
    assert stamp["record"]["language"] is None  # written with every kept field, from a record without one
    rec = {"coverage": 0.9, "duration": 12.5, "chapters": 2, "clips": 1, "loudness": -17.2,
           "loudness_problems": ["true peak -0.4 dBTP"], "language": "ar", "preview": "ep/index.html"}
    assert done.write_stamp(Path(job.audio), Path(job.transcript), out, job.options, rec, ["align"],
                            [out / "episode.json"])
    monkeypatch.setattr(task, "run_forked", lambda job: pytest.fail("a process was started for a done episode"))
    found = run_episode(job)
    assert found["status"] == "done" and found["language"] == "ar"
    assert (found["loudness"], found["loudness_problems"]) == (-17.2, ["true peak -0.4 dBTP"])


def test_a_stamp_written_by_other_code_is_not_done(tmp_path: Path, monkeypatch) -> None:
    # A stamp from before records kept the language has no "language": it never stands for a done
    # episode (the code is in its key), so the episode runs (its stages from the cache) and its
    # record gets the language, rather than coming back from the stamp without one.
    monkeypatch.setattr(done, "code_version", lambda: "0.1+older")
    job, out = _done_episode(tmp_path)
    stamp = json.loads((out / CACHE_DIR / done.STAMP).read_text(encoding="utf-8"))
    del stamp["record"]["language"]
    (out / CACHE_DIR / done.STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    assert task.already_done(job) is not None  # with that code, done
    monkeypatch.undo()
    assert task.already_done(job) is None
    ran: list[Job] = []
    monkeypatch.setattr(task, "run_forked", lambda job: ran.append(job) or {"record": None, "status": 1, "said": ""})
    run_episode(job)
    assert ran == [job]


def test_a_finished_run_s_record_has_the_episode_s_language(tmp_path: Path) -> None:
    from audiokit.pipeline import Result

    job = _job(tmp_path)
    Path(job.out).mkdir()
    for language, said in (("hi", "hi"), (None, "en")):  # None: no language named, read as English
        result = Result(Path(job.out), (), (), (), (), 1.0, None, language)
        assert task._summary(job, result, 1.0)["language"] == said
    assert task.record(job, "failed", "bad audio")["language"] is None  # not known


@pytest.mark.parametrize("change", ["output", "input", "options"])
def test_a_changed_episode_runs_again(tmp_path: Path, monkeypatch, change: str) -> None:
    job, out = _done_episode(tmp_path)
    if change == "output":
        (out / "episode.json").write_text('{"edited": 1}', encoding="utf-8")
    elif change == "input":
        Path(job.transcript).write_text("Ann: Hello again.\n", encoding="utf-8")
    else:
        job = Job(job.id, job.title, job.audio, job.transcript, job.out, Options(style="bbc"))
    ran: list[Job] = []
    monkeypatch.setattr(task, "run_forked", lambda job: ran.append(job) or {"record": None, "status": 1, "said": ""})
    run_episode(job)
    assert ran == [job]


def test_an_episode_given_two_processes_aligns_with_both_and_gives_the_same_words(tmp_path: Path, server) -> None:
    # The episode process is forked by the helper, not a daemonic Dask worker: it may start the
    # aligner's pool of forked processes, and the words do not depend on how many there are.
    from batch_material import _cut_sample

    audio, transcript = _cut_sample(tmp_path)
    only_align = Options(skip=frozenset({"captions", "chapters", "clips", "preview"}))
    words = {}
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        out.mkdir()
        job = Job("ep", "Ep", str(audio), str(transcript), str(out / "ep"), only_align, processes=n)
        rec = run_episode(job)
        assert rec["status"] == "done", rec["reason"]
        words[n] = [(w["text"], w["start"], w["end"])
                    for t in json.loads((out / "ep" / "episode.json").read_text(encoding="utf-8"))["turns"]
                    for w in t["words"]]
    assert words[1] and words[1] == words[2]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=16))
def test_spare_cores_go_to_the_last_episodes_and_never_beyond_the_machine(episodes: int, cores: int) -> None:
    n = align_processes(episodes, cores)
    assert len(n) == episodes and min(n) >= 1
    if episodes <= cores:
        assert sum(n) == cores  # all start at once: the cores shared
    else:
        assert n == sorted(n) and n[-1] == cores and n[: episodes - cores] == [1] * (episodes - cores)
        # At most `cores` episodes run at once: their processes stay within the harmonic bound
        # cores * (1 + ln cores) (the last round: cores/1 + cores/2 + ... + cores/cores).
        bound = cores * (1 + math.log(cores))
        assert all(sum(n[k: k + cores]) <= bound for k in range(episodes))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**45), st.text(min_size=1, max_size=40))
def test_every_episode_task_is_in_one_dask_task_group(stamp: int, episode_id: str) -> None:
    # One group, so that Dask queues the episodes and starts them in the order given.
    from dask.utils import key_split

    assert key_split(task_key(stamp, episode_id)) == "audiokit-episode"


def test_a_file_where_the_episode_folder_goes_fails_that_episode_by_name(tmp_path: Path) -> None:
    """OUT/<id> taken by a file is the episode's failure, said plainly, and the file is left."""
    (tmp_path / "a.mp3").write_bytes(b"ID3")
    job = _job(tmp_path, "a.mp3")
    Path(job.out).write_text("mine\n", encoding="utf-8")
    rec = task.run_here(job)
    assert rec["status"] == "failed" and rec["reason"] == "ep: exists and is not a folder"  # relative to OUT
    assert Path(job.out).read_text(encoding="utf-8") == "mine\n"


ITALIAN = "Ann: Ciao a tutti, oggi parliamo di caffè e di lavoro da casa, e di come si vive in città.\n"


@pytest.mark.parametrize(("audio", "transcript", "options", "said"), [
    # The transcript was read (its language detected), then the audio could not be decoded.
    (b"ID3 this is not audio at all " * 50, ITALIAN, Options(), "it"),
    # --language names it before anything is read ...
    (None, ITALIAN, Options(language="cs"), "cs"),
    # ... and without it nothing was known: the audio is missing, the transcript unread or unreadable.
    (None, ITALIAN, Options(), None),
    (b"ID3 this is not audio at all " * 50, "", Options(), None),
])
def test_a_failed_record_has_the_language_its_run_knew(tmp_path: Path, audio: bytes | None, transcript: str,
                                                      options: Options, said: str | None) -> None:
    if audio is not None:
        (tmp_path / "a.mp3").write_bytes(audio)
    from audiokit.catalog.page import render

    job = _job(tmp_path, "a.mp3", options)
    Path(job.transcript).write_text(transcript, encoding="utf-8")
    rec = task.run_here(job)
    assert rec["status"] == "failed" and rec["language"] == said, rec["reason"]
    # The catalogue page reads the failed episode's title in that language (English is the page's own).
    title = f'<bdi lang="{said}" dir="ltr">Ep</bdi>' if said else "<bdi>Ep</bdi>"
    assert title in render([rec], None)


def test_a_failed_record_made_outside_the_episode_process_has_the_language_option(tmp_path: Path) -> None:
    """A killed process, a lost worker: what the run knew there is --language alone."""
    job = _job(tmp_path, options=Options(language="cs"))
    assert task._outcome(job, {"status": -9, "said": ""}, 1.0)["language"] == "cs"
    assert task._outcome(_job(tmp_path), {"status": -9, "said": ""}, 1.0)["language"] is None
