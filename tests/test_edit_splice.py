"""Leaving cuts out of a stream of samples (audiokit.edit.splice): hypothesis properties over
random signals, block splits and cuts, the refused cuts, and the equal-power crossfade."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audiokit.edit.splice import FADE, splice


def _run(x: np.ndarray, bounds: list[int], cuts: list[tuple[int, int]], fade: int) -> np.ndarray:
    x = x.view()
    x.flags.writeable = False  # as rewrite's blocks are (np.frombuffer)
    blocks = [x[a:b] for a, b in zip([0, *bounds], [*bounds, len(x)])]
    out = list(splice(iter(blocks), cuts, fade))
    assert all(o.dtype == x.dtype and o.ndim == 2 and o.shape[1] == x.shape[1] for o in out)
    return np.concatenate(out) if out else np.zeros((0, x.shape[1]), x.dtype)


def _kept(x: np.ndarray, cuts: list[tuple[int, int]]) -> np.ndarray:
    keep = np.ones(len(x), bool)
    for a, b in cuts:
        keep[a:b] = False
    return x[keep]


@st.composite
def _cases(draw: st.DrawFn) -> tuple[np.ndarray, list[int], list[tuple[int, int]], int]:
    """A float32 signal (1 or 2 channels), where the stream splits it into blocks (empty ones
    too), cuts the crossfades fit between (each at least a fade long, a fade apart, the first
    half a fade from the start, the last half a fade from the end), and the fade."""
    fade = draw(st.sampled_from([0, 2, 8, 16]))
    half = fade // 2
    cuts = []
    pos = half - fade  # so the first cut begins at least half a fade in
    for _ in range(draw(st.integers(0, 6))):
        a = pos + fade + draw(st.integers(0, 40))
        b = a + max(fade, 1) + draw(st.integers(0, 60))
        cuts.append((a, b))
        pos = b
    n = max(0, pos + half) + draw(st.integers(0, 50))
    channels = draw(st.sampled_from([1, 2]))
    seed = draw(st.integers(0, 2**32 - 1))
    x = np.random.default_rng(seed).uniform(-1, 1, (n, channels)).astype(np.float32)
    bounds = sorted(draw(st.lists(st.integers(0, n), max_size=8)))
    return x, bounds, cuts, fade


@settings(max_examples=400, deadline=None)
@given(_cases())
def test_the_output_is_the_input_without_the_cuts_but_at_the_splices(
        case: tuple[np.ndarray, list[int], list[tuple[int, int]], int]) -> None:
    x, bounds, cuts, fade = case
    out = _run(x, bounds, cuts, fade)
    kept = _kept(x, cuts)
    assert out.shape == kept.shape  # as long as the input less the cut samples
    half = fade // 2
    t = np.arange(fade) + 0.5
    rise, fall = np.sin(np.pi / 2 * t / fade)[:, None], np.cos(np.pi / 2 * t / fade)[:, None]
    near = np.zeros(len(out), bool)
    removed = 0
    for a, b in cuts:
        p = a - removed  # the splice, in the output
        removed += b - a
        near[p - half:p + half] = True
        if fade:  # the equal-power crossfade of the half fades either side of the cut
            mixed = x[a - half:a + half] * fall + x[b - half:b + half] * rise
            assert np.allclose(out[p - half:p + half], mixed, atol=1e-6)
    # Away from every splice the samples are the input's, exactly.
    assert np.array_equal(out[~near], kept[~near])
    # However the stream comes in blocks.
    assert np.array_equal(out, _run(x, [], cuts, fade))
    if fade == 0:
        assert np.array_equal(out, kept)


def test_a_stream_of_one_block_or_none() -> None:
    x = np.arange(20, dtype=np.float32).reshape(-1, 1)
    assert _run(x, [], [], 8).tolist() == x.tolist()
    assert list(splice(iter([]), [], 8)) == []
    assert _run(x, [], [(4, 12)], 0)[:, 0].tolist() == [0, 1, 2, 3, *range(12, 20)]


@pytest.mark.parametrize("fade", [2, 8, 16])
def test_cuts_the_crossfades_do_not_fit_between_are_refused(fade: int) -> None:
    half = fade // 2
    x = np.zeros((200, 1), np.float32)
    bad = [
        [(50, 50 + fade - 1)],  # shorter than the fade
        [(50, 50 + fade), (50 + 2 * fade - 1, 60 + 3 * fade)],  # kept stretch between them under a fade
        [(half - 1, half - 1 + fade)],  # too near the start for the first half fade
    ]
    for cuts in bad:
        with pytest.raises(ValueError, match="crossfade"):
            _run(x, [70], cuts, fade)
    # Just long and far enough.
    ok = [(half, half + fade), (half + 2 * fade, half + 3 * fade)]
    assert len(_run(x, [70], ok, fade)) == 200 - 2 * fade


def test_a_cut_reaching_the_end_of_the_stream_leaves_only_what_was_kept() -> None:
    x = np.arange(40, dtype=np.float32).reshape(-1, 1)
    assert len(_run(x, [], [(20, 40)], 8)) == 20  # gives 24
    assert len(_run(x, [], [(20, 38)], 8)) == 22  # gives 24


@pytest.mark.parametrize("seed", range(5))
def test_the_crossfade_keeps_the_power_of_independent_noise(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rate = 48_000
    fade = 2 * round(FADE * rate / 2)  # as tighten_episode splices at 48 kHz
    half = fade // 2
    one, two = rng.standard_normal((rate // 2, 2)), rng.standard_normal((rate // 2, 2))  # independent stretches
    x = np.concatenate([one, two]).astype(np.float32)
    a, b = rate // 4, 3 * rate // 4  # the splice joins the middle of one to the middle of the other
    out = _run(x, [1000, rate // 4 + 7, rate // 2], [(a, b)], fade)
    rms = float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))
    around = float(np.sqrt(np.mean(out[a - half:a + half].astype(np.float64) ** 2)))
    assert abs(around / rms - 1) < 0.3


def test_the_crossfade_is_equal_power_at_every_sample() -> None:
    # Over many independent splices, the mean power at each sample of the crossfade is the
    # signal's (a linear crossfade would halve it at the middle).
    rng = np.random.default_rng(7)
    fade, trials = 16, 2000
    power = np.zeros(fade)
    for _ in range(trials):
        x = rng.standard_normal((64, 1)).astype(np.float32)
        out = _run(x, [], [(24, 40)], fade)
        power += out[24 - fade // 2:24 + fade // 2, 0].astype(np.float64) ** 2
    assert np.all(np.abs(power / trials - 1) < 0.15), power / trials
