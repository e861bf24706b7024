"""分别 lists: 盗窃、诈骗、抢劫案件立案数分别下降12.4%、17.4%、33.3% gives each figure its own subject.

The figures of one run (joined only by 、 和 及) after 分别 take, in order, the items of the enumeration that
stands before 分别 in the same clause, when the counts agree. The words the items share are completed: a
verb at the front (破获盗窃、抢劫案件 -> 破获…) goes to every item, and the head noun after the last item
(…抢劫案件立案数) to every item that lacks it. When the counts differ the run keeps its shared subject.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..types import Figure
from .context import _BASIS, _LEADING_NOISE, _VERB_RE, _is_boundary, _strip_period, is_list_continuation
from .scan import Candidate

RESPECTIVELY = "分别"
_TRAILING = re.compile(rf"(?:{_BASIS}|[ ，,\u3000]|均|都|各)+$")
COUNTED_KINDS = re.compile(r"(?:[一二三四五六七八九十两]|\d{1,2})(?:类|种|项)(?=[^、和及与]*$)")
ITEM_GLUE = re.compile(r"、|以及|和|及|与")
# Where the shared head noun of the last item starts: 抢劫案件立案数 -> 案件立案数.
HEAD_NOUN = re.compile(
    r"案件|案|犯罪|警情|类|纠纷|立案|发案|破案|人数|数量|金额|数|率|人员|嫌疑人|群众|企业|组织|事项|问题|机构"
)


def split_respectively(s: str, candidates: list[Candidate], figures: list[Figure]) -> list[Figure]:
    out = list(figures)
    i = 0
    while i < len(candidates):
        j = i + 1
        while j < len(candidates) and is_list_continuation(
            s, candidates[j - 1].trailing_end, candidates[j].start
        ):
            j += 1
        if j - i >= 2:
            subjects = _item_subjects(s, candidates[i].start, j - i)
            if subjects:
                for k, subject in zip(range(i, j), subjects, strict=True):
                    out[k] = replace(out[k], subject=subject)
        i = j
    return out


def _item_subjects(s: str, first_start: int, count: int) -> list[str] | None:
    window = s[max(0, first_start - 60) : first_start]
    at = window.rfind(RESPECTIVELY)
    if at < 0:
        return None
    end = first_start - len(window) + at
    begin = end
    while begin > 0 and not _is_boundary(s, begin - 1):
        begin -= 1
    raw = _LEADING_NOISE.sub("", _strip_period(s[begin:end]))
    raw = _TRAILING.sub("", raw)
    raw = COUNTED_KINDS.sub("", raw)  # 故意伤害五类案件 -> 故意伤害案件
    items = [item for item in ITEM_GLUE.split(raw) if item]
    if len(items) != count:
        return None
    verb = _VERB_RE.match(items[0])
    prefix = verb.group() if verb and len(items[0]) > verb.end() else ""
    items[0] = items[0][len(prefix) :]
    tail = ""
    shortest = min(len(item) for item in items[:-1])
    head = HEAD_NOUN.search(items[-1], min(shortest, len(items[-1]) - 1))
    if head and head.start() > 0:
        tail = items[-1][head.start() :]
    subjects = []
    for item in items:
        if tail and not item.endswith(tail) and not HEAD_NOUN.search(item):
            item += tail
        subjects.append((prefix + item)[:32])
    return subjects
