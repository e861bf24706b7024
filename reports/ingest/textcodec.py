"""Bytes of a plain-text release to str: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, Big5.

Chinese legacy encodings overlap: Big5 bytes usually decode as GBK into rare, meaningless characters, so
"the first codec that does not fail" picks wrong. Each candidate that decodes is scored by how many of its
Han characters sit in the block its encoding reserves for everyday characters (GB2312 level 1 for GBK,
Big5's 常用字 block for Big5); the most plausible reading wins.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reports.ingest.text import COMMON_HAN
from reports.ingest.types import IngestError

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Share of undecodable bytes we repair with U+FFFD (and report) rather than refuse the whole file.
MAX_REPAIR_RATIO = 0.002
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_text(data: bytes, filename: str = "") -> Decoded:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), codec, filename)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"starts with a {codec} byte-order mark but byte {exc.start} is not {codec}"
                ) from None
    try:
        return _checked(data.decode("utf-8"), "utf-8", filename)
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    candidates = []
    for codec in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text, codec), codec, text))
    if candidates:
        candidates.sort(reverse=True)
        score, codec, text = candidates[0]
        if score > 0.5:
            return _checked(text, "gbk" if codec == "gb18030" and _is_gbk(data) else codec, filename)
    return _repair_or_fail(data, first_bad, filename)


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gbk")
        return True
    except UnicodeDecodeError:
        return False


def _plausibility(text: str, codec: str) -> float:
    """Share of Han characters that are everyday characters in the candidate encoding."""
    hans = COMMON_HAN.findall(text[:20000])
    if not hans:
        return 0.0 if _CONTROL.search(text[:20000]) else 0.6
    common = 0
    for ch in hans:
        if codec == "gb18030":
            try:
                raw = ch.encode("gb2312")
            except UnicodeEncodeError:
                continue
            common += 0xB0 <= raw[0] <= 0xD7
        else:
            try:
                raw = ch.encode("big5")
            except UnicodeEncodeError:
                continue
            code = raw[0] << 8 | raw[1]
            common += 0xA440 <= code <= 0xC67E
    return common / len(hans)


def _repair_or_fail(data: bytes, first_bad: int, filename: str) -> Decoded:
    best = None
    for codec in ("utf-8", "gb18030"):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, codec, text)
    bad, codec, text = best
    if bad / max(len(data), 1) > MAX_REPAIR_RATIO or _plausibility(text, codec) < 0.5:
        raise IngestError(
            "cannot be decoded as text: it is not valid UTF-8, GB18030/GBK or Big5 "
            f"(first undecodable byte at offset {first_bad})"
        )
    note = f"{bad} undecodable byte sequence(s) replaced with U+FFFD while reading as {codec}"
    return _checked(text, codec, filename, (note,))


def _checked(text: str, codec: str, filename: str, notes: tuple[str, ...] = ()) -> Decoded:
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(5, len(sample) // 200):
        raise IngestError("looks like a binary file, not text (it contains control bytes)")
    return Decoded(text, codec, notes)
