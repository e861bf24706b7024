"""How well reposts are merged: precision and recall of `reports.ingest.neardup` on labelled pairs.

    .venv/bin/python bench/merging.py [--verbose]

The pairs are generated here from `samples/` and `bench/corpus.py` releases plus a few hand-written ones:

- true reposts, one kind of alteration each (and one with several): punctuation changed, spam lines injected,
  pinyin glosses, paragraphs dropped, the other script, an excerpt, all at once;
- different releases that look alike: the same template for another city with its own figures, the same
  city's report of another year, corpus releases sharing paragraphs, and hand-written template twins.

Each pair goes through the real path: the first text is added to a fresh `NearDupIndex` (MinHash LSH), the
second is looked up; "merged" means the lookup returned the first. Prints precision, recall and the failures.
No Django needed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import build_release, plan_release  # noqa: E402
from reports.ingest.neardup import NearDupIndex, Profile  # noqa: E402
from reports.ingest.script import detect_script  # noqa: E402
from reports.ingest.text import to_simplified, to_traditional  # noqa: E402
from reports.ingest.textcodec import decode_text  # noqa: E402

SAMPLES = ROOT / "samples"
TARGET_PRECISION = 0.98
TARGET_RECALL = 0.95

SPAM = (
    "关注微信公众号“平安资讯站”，获取更多权威发布",
    "扫码下载客户端，随时随地看新闻",
    "本文转载自网络，如有侵权请联系删除",
    "【广告】法律咨询热线，专业律师在线解答",
    "更多精彩内容请访问 www.example-mirror.cn",
    "责任编辑：小编",
)
PINYIN = {
    "平": "píng",
    "安": "ān",
    "法": "fǎ",
    "治": "zhì",
    "检": "jiǎn",
    "察": "chá",
    "院": "yuàn",
    "案": "àn",
    "件": "jiàn",
    "警": "jǐng",
    "调": "tiáo",
    "解": "jiě",
}
PUNCTUATION = str.maketrans(
    {"，": ",", "。": ".", "、": ",", "：": ":", "；": ";", "“": '"', "”": '"', "%": "％"}
)
OTHER_CITIES = ("临川市", "云岭市", "白河市", "江城市", "北原市")

# Hand-written template twins: one template, two cities, their own figures (invented, not quoted).
HAND_TEMPLATE = """{city}召开2026年平安建设新闻发布会
{city}融媒体中心 2026-03-{day}
3月{day}日上午，{city}委政法委召开新闻发布会，通报一年来平安建设工作情况。
市委政法委：全市共排查化解矛盾纠纷{a}件，化解率{b}%，群众安全感达到{c}%。
市公安局：全年破获电信网络诈骗案件{d}起，抓获犯罪嫌疑人{e}名，为群众挽回损失{f}万元。
市检察院：共批准逮捕各类犯罪嫌疑人{g}人，提起公诉{h}人，办理公益诉讼案件{i}件。
市司法局：全市建成公共法律服务站点{j}个，办理法律援助案件{k}件。"""


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def punctuate(text: str, rng: random.Random) -> str:
    return text.translate(PUNCTUATION).replace("\n", "\n\n")


def spam(text: str, rng: random.Random) -> str:
    out = []
    for i, para in enumerate(paragraphs(text)):
        out.append(para)
        if i % 3 == 1:
            out.append(rng.choice(SPAM))
    return "\n".join(out + [SPAM[0]])


def pinyin(text: str, rng: random.Random) -> str:
    def gloss(match: re.Match) -> str:
        char = match.group(0)
        return f"{char}（{PINYIN[char]}）" if rng.random() < 0.5 else char

    return re.sub("[" + "".join(PINYIN) + "]", gloss, text)


def drop_paragraphs(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    keep = [p for i, p in enumerate(paras) if i < 3 or rng.random() > 0.25]
    return "\n".join(keep)


def other_script(text: str, rng: random.Random) -> str:
    return to_simplified(text) if detect_script(text) == "traditional" else to_traditional(text)


def excerpt(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    return "\n".join(paras[: max(4, int(len(paras) * 0.4))])


def everything(text: str, rng: random.Random) -> str:
    return spam(pinyin(other_script(drop_paragraphs(text, rng), rng), rng), rng).translate(PUNCTUATION)


ALTERATIONS = (punctuate, spam, pinyin, drop_paragraphs, other_script, excerpt, everything)


def redraw_figures(text: str, rng: random.Random, keep_years: bool = True) -> str:
    def redraw(match: re.Match) -> str:
        digits = match.group(0)
        if keep_years and re.fullmatch(r"(19|20)\d\d", digits):
            return digits
        new = "".join(rng.choice("0123456789") for _ in digits)
        return str(rng.randint(1, 9)) + new[1:] if len(digits) > 1 else str(rng.randint(1, 9))

    return re.sub(r"\d+", redraw, text)


def other_city(text: str, city: str, rng: random.Random) -> str:
    replacement = rng.choice(OTHER_CITIES)
    short, new_short = city.rstrip("市"), replacement.rstrip("市")
    return redraw_figures(text.replace(city, replacement).replace(short, new_short), rng)


def other_year(text: str, rng: random.Random) -> str:
    shifted = re.sub(r"20(\d\d)", lambda m: f"20{int(m.group(1)) + 1:02d}", text)
    return redraw_figures(shifted, rng)


def bases() -> list[tuple[str, str, str]]:
    """(name, text, city) of the releases the pairs start from."""
    found = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = decode_text(path.read_bytes(), path.name).text
        city = re.search(r"[\u4e00-\u9fff]{2,3}市", text)
        found.append((path.stem, text, city.group(0) if city else ""))
    for index in range(12):
        name, text = build_release(index)
        found.append((name, text, plan_release(index).city.name))
    return found


def labelled_pairs(seed: int = 13) -> list[tuple[str, str, str, str, bool]]:
    """(name, kind, first text, second text, same report?)"""
    rng = random.Random(seed)
    pairs = []
    sources = bases()
    for name, text, city in sources:
        for alter in ALTERATIONS:
            pairs.append((name, alter.__name__, text, alter(text, rng), True))
        if city:
            pairs.append((name, "other city, same template", text, other_city(text, city, rng), False))
        pairs.append((name, "same city, other year", text, other_year(text, rng), False))
        pairs.append((name, "excerpt of the other year", text, excerpt(other_year(text, rng), rng), False))
    # Corpus releases draw on one paragraph library: neighbours share paragraphs, not figures.
    corpus = [build_release(i)[1] for i in range(12, 32)]
    for i in range(0, len(corpus) - 1, 1):
        pairs.append((f"r{12 + i:05d}", "corpus neighbour", corpus[i], corpus[i + 1], False))
    for i in range(4):
        values = {k: rng.randint(100, 9999) for k in "adefghijk"}
        other = {k: rng.randint(100, 9999) for k in "adefghijk"}
        first = HAND_TEMPLATE.format(city="青石市", day=10 + i, b=95.1, c=98.2, **values)
        second = HAND_TEMPLATE.format(city="蓝湾市", day=11 + i, b=96.3, c=97.4, **other)
        pairs.append((f"hand{i}", "hand-written template twin", first, second, False))
        pairs.append((f"hand{i}", "hand-written repost", first, spam(punctuate(first, rng), rng), True))
    return pairs


def merged(first: str, second: str) -> bool:
    index = NearDupIndex()
    index.add("first", Profile.of(first))
    return index.find(Profile.of(second)) is not None


def score(pairs) -> dict:
    tp = fp = fn = tn = 0
    failures = []
    for name, kind, first, second, same in pairs:
        got = merged(first, second)
        if got and same:
            tp += 1
        elif got:
            fp += 1
            failures.append(("false merge", name, kind))
        elif same:
            fn += 1
            failures.append(("missed repost", name, kind))
        else:
            tn += 1
    return {
        "pairs": len(pairs),
        "reposts": tp + fn,
        "look-alikes": fp + tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pairs = labelled_pairs()
    result = score(pairs)
    took = time.perf_counter() - started
    print(f"pairs: {result['pairs']} ({result['reposts']} reposts, {result['look-alikes']} look-alikes)")
    print(f"precision: {result['precision']:.3f} (target {TARGET_PRECISION})")
    print(f"recall:    {result['recall']:.3f} (target {TARGET_RECALL})")
    print(f"time: {took:.1f} s for generating and scoring")
    for failure in result["failures"] if args.verbose else result["failures"][:20]:
        print("  ", *failure)
    met = result["precision"] >= TARGET_PRECISION and result["recall"] >= TARGET_RECALL
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
