"""The ``times`` column of ``catalog.sqlite``'s passages: each word's start, packed.

Compact, little-endian: one byte of format, then either the first placed word's start (4 bytes,
ms) and 2 bytes a word (ms after it, 65535 for a word not placed; what nearly every passage
takes), or 4 bytes a word (ms, -1 not placed). Pure.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Sequence

__all__ = ["pack_times", "unpack_times"]

_SHORT, _LONG = 1, 2  # formats of a times blob
_UNPLACED16 = 0xFFFF


def _le(values: array) -> bytes:
    if sys.byteorder != "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_le(typecode: str, data: bytes) -> array:
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


def pack_times(times: Sequence[int | None]) -> bytes:
    """Word start times (ms, None when not placed) as the ``times`` column stores them: 2 bytes
    a word when every placed word starts within 65.5 s after the first, else 4.

    >>> blob = pack_times([1000, None, 1500])
    >>> len(blob), unpack_times(blob)
    (11, (1000, None, 1500))
    """
    first = next((t for t in times if t is not None), 0)
    if all(t is None or 0 <= t - first < _UNPLACED16 for t in times):
        offsets = array("H", (_UNPLACED16 if t is None else t - first for t in times))
        return struct.pack("<Bi", _SHORT, first) + _le(offsets)
    return bytes([_LONG]) + _le(array("i", (-1 if t is None else t for t in times)))


def unpack_times(blob: bytes) -> tuple[int | None, ...]:
    """The inverse of :func:`pack_times`."""
    if blob[:1] == bytes([_SHORT]):
        first = struct.unpack_from("<i", blob, 1)[0]
        return tuple(None if v == _UNPLACED16 else first + v for v in _from_le("H", blob[5:]))
    return tuple(None if t < 0 else t for t in _from_le("i", blob[1:]))
