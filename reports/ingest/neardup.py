"""Is this text the same report as one we hold? Near-duplicate detection for reposts (issue 13).

Mirrors alter what they copy: punctuation changed, spam lines injected, characters glossed with pinyin,
paragraphs dropped, converted to the other script, or only an excerpt kept. So the comparison runs on a
comparable view of the text (`comparable_text`): width-folded, simplified, spam lines and pinyin glosses
dropped, then only Han characters and digits kept. Candidates come from datasketch's MinHash LSH over
character 5-grams of that view; each candidate is then verified exactly:

- containment: the share of the shorter text's 5-grams found in the longer one (an excerpt or a copy with
  dropped paragraphs is still almost wholly contained), and
- figures: the share of the shorter text's numbers found in the longer one. Releases in this genre share
  templates (the same city's report of two years, two cities using one template), but not their figures.

Pure Python, no Django: the importer asks `NearDupIndex.find`, the benchmark (bench/merging.py) too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash, MinHashLSH

from reports.ingest.text import normal_view

SHINGLE = 5
NUM_PERM = 128
SEED = 13
# Stored signatures must be read back with the hashing scheme that made them (datasketch >= 2 asks for it).
SCHEME = MinHash(num_perm=1, seed=SEED).scheme
# LSH finds candidates whose Jaccard similarity is roughly above this; an excerpt of a third of a text
# has a Jaccard near 1/3, so it must stay low. Verification below decides.
LSH_THRESHOLD = 0.2
MIN_CONTAINMENT = 0.7
MIN_CONTAINMENT_FEW_FIGURES = 0.85
MIN_FIGURES_SHARED = 0.85
FEW_FIGURES = 3

# Lines mirrors inject: follow-us, scan-the-code, ads, reposting notices, editor lines, bare links.
SPAM_LINE = re.compile(
    r"(https?://|www\.|\.com|\.cn\b|公众号|微信|扫码|扫一扫|二维码|关注我们|点击|阅读原文|转载|版权|免责声明|"
    r"广告|责任编辑|责编|编辑：|编辑:|来源：|来源:|原标题|分享到|打印本页|关闭窗口|【|】|下载APP|客户端)"
)
PINYIN_GLOSS = re.compile(r"[(（\[【][A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ'’\s]{1,40}[)）\]】]")
LATIN_WORD = re.compile(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]+")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
KEEP = re.compile(r"[\u4e00-\u9fff0-9]+")


def comparable_text(text: str) -> str:
    """The one normalisation for comparing reposts: the normalised view (widths folded, pinyin glosses,
    zero-width characters and symbol runs dropped, simplified), then what only this comparison drops: spam
    lines, any bracketed Latin (toneless glosses too) and Latin words."""
    text = normal_view(text).simp
    lines = [line for line in text.split("\n") if line.strip() and not SPAM_LINE.search(line)]
    text = "\n".join(lines)
    text = PINYIN_GLOSS.sub("", text)
    text = LATIN_WORD.sub("", text)
    return text


def figures_of(comparable: str) -> set[str]:
    # 1,234 and 1234 are one figure; a figure is a string of digits (with its decimals).
    return set(NUMBER.findall(re.sub(r"(?<=\d),(?=\d{3})", "", comparable)))


def shingles(comparable: str) -> set[str]:
    stream = "".join(KEEP.findall(comparable))
    if len(stream) <= SHINGLE:
        return {stream} if stream else set()
    return {stream[i : i + SHINGLE] for i in range(len(stream) - SHINGLE + 1)}


@dataclass
class Profile:
    """What the comparison needs of one text, computed once."""

    shingles: set[str]
    figures: set[str]
    minhash: LeanMinHash

    @classmethod
    def of(cls, text: str) -> Profile:
        comparable = comparable_text(text)
        grams = shingles(comparable)
        minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        return cls(grams, figures_of(comparable), LeanMinHash(minhash))


def signature_bytes(profile: Profile) -> bytes:
    return profile.minhash.hashvalues.astype("uint64").tobytes()


def signature_from_bytes(data: bytes) -> LeanMinHash:
    import numpy

    return LeanMinHash(seed=SEED, hashvalues=numpy.frombuffer(data, dtype="uint64"), scheme=SCHEME)


@dataclass
class Verdict:
    same: bool
    containment: float
    figures_shared: float | None

    def describe(self) -> str:
        shared = "n/a" if self.figures_shared is None else f"{self.figures_shared:.2f}"
        return f"text contained {self.containment:.2f}, figures shared {shared}"


def compare(a: Profile, b: Profile) -> Verdict:
    """Are a and b the same report (one possibly an altered or shortened copy of the other)?"""
    small, large = (a, b) if len(a.shingles) <= len(b.shingles) else (b, a)
    if not small.shingles:
        return Verdict(False, 0.0, None)
    containment = len(small.shingles & large.shingles) / len(small.shingles)
    if len(small.figures) < FEW_FIGURES:
        return Verdict(containment >= MIN_CONTAINMENT_FEW_FIGURES, containment, None)
    shared = len(small.figures & large.figures) / len(small.figures)
    return Verdict(containment >= MIN_CONTAINMENT and shared >= MIN_FIGURES_SHARED, containment, shared)


class NearDupIndex:
    """MinHash LSH over many texts: `add` them by key, `find` the best same-report match for a new text.

    `profiles` are kept for exact verification; a caller holding many texts may instead pass `load`, a
    function from key to text, and only the MinHash signatures stay in memory.
    """

    def __init__(self, load=None):
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.profiles: dict = {}
        self.load = load

    def add(self, key, profile: Profile | None = None, signature: LeanMinHash | None = None) -> None:
        if profile is not None:
            if self.load is None:
                self.profiles[key] = profile
            signature = profile.minhash
        self.lsh.insert(key, signature)

    def candidates(self, profile: Profile) -> list:
        return self.lsh.query(profile.minhash)

    def find(self, profile: Profile, exclude: Iterable = ()):
        """(key, verdict) of the most contained same-report match, or None."""
        skip = set(exclude)
        best = None
        for key in self.candidates(profile):
            if key in skip:
                continue
            other = self.profiles.get(key)
            if other is None and self.load is not None:
                text = self.load(key)
                other = Profile.of(text) if text is not None else None
            if other is None:
                continue
            verdict = compare(profile, other)
            if verdict.same and (best is None or verdict.containment > best[1].containment):
                best = (key, verdict)
        return best
