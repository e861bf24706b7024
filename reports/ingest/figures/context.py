"""What the words around a figure say about it: its qualifier, whether it is a change, its subject, its period.

All of these work on the simplified copy of the text and return simplified strings, so that the same
figure reads the same in a simplified and a traditional release.
"""

from __future__ import annotations

import bisect
import re

from .exclusions import inside

# Leading qualifiers sit right before the number and stay outside the span: 超10万人次 -> 10万人次, 超.
LEAD_QUALIFIER = re.compile(
    r"(不超过|不少于|不低于|不高于|超过|超出|将近|接近|大约|达到|高达|多达|共计|总计|合计|累计|不足|不到|突破|"
    r"逾|超|近|约|达|共|仅)[ \u3000]*$"
)

_BASIS = (
    r"同比|环比|年均|按年|按月|(?:较|比|与|和|同)(?:去年同期|去年|上年同期|上年度|上年|上一年度|上一年|前一年|前年|年初|"
    r"上半年|上月|上季度|同期|“?十[一二三四五]五”?(?:末|期间|时期|初)?|(?:19|20)\d\d年(?:同期|底|末|度)?)"
    r"(?:同期)?(?:相比|相较|对比)?"
)
BASIS = re.compile(_BASIS)
UP_VERBS = (
    "增长幅度",
    "上升幅度",
    "上升",
    "增长",
    "增加",
    "提升",
    "提高",
    "上涨",
    "攀升",
    "递增",
    "回升",
    "增幅",
    "涨幅",
    "升幅",
)
DOWN_VERBS = (
    "下降幅度", "减少幅度", "下降", "降低", "减少", "下滑", "回落", "下跌", "压降", "缩减", "缩短", "压缩", "递减",
    "降幅", "减幅", "跌幅",
)  # fmt: skip
SHORT_UP = ("增", "升", "涨")
SHORT_DOWN = ("减", "降")
_ADVERBS = (
    r"(?:分别|均|都|各|持续|大幅|明显|显著|进一步|再次|继续|总体|整体|实现|有所|稳步|逐年|连续|共|累计|了)*"
)
_FILLERS = r"(?:了|达|达到|为|约|近|超|超过|逾|分别为|分别|均|共)*[ \u3000]*$"
CHANGE = re.compile(
    rf"(?:(?P<basis>{_BASIS})[ \u3000，,]*)?{_ADVERBS}(?P<verb>{'|'.join(UP_VERBS + DOWN_VERBS)}){_FILLERS}"
)
# 同比+12.3%: a sign right after the basis.
SIGN_CHANGE = re.compile(rf"(?P<basis>{_BASIS})[ \u3000]*(?P<sign>[+＋\-－−])[ \u3000]*$")
# 同比增12.5%: a one-character verb only counts right after its basis.
SHORT_CHANGE = re.compile(rf"(?P<basis>{_BASIS}){_ADVERBS}(?P<verb>[增升涨减降]){_FILLERS}")
# Between two items of one list. Not a comma: 下降12%，逾百人受助 starts a new statement.
LIST_GLUE = re.compile(r"[ \u3000、和及与或以及]*")

SENTENCE_END = "。！？!?\n"
_SENTENCE_END_RE = re.compile(f"[{SENTENCE_END}]")
_NEWLINE = re.compile("\n")
CLAUSE_BOUNDARY = frozenset("，。；：！？,;:!?\n")

PERIOD = re.compile(
    r"(?:党的)?十[八九]大以来"
    r"|“?十[一二三四五]五”?(?:期间|时期|以来)"
    r"|(?:自|从)[^，。；：、\s“”]{1,14}?(?:以来|至今)"
    r"|(?:截至|截止到|截止)(?:目前|今年[^，。；、,;\s]{0,6}|(?:19|20)\d\d年[^，。；、,;\s]{0,6}|\d{1,2}月[^，。；、,;\s]{0,4})"
    r"|近(?:[一二三四五六七八九十两]|\d{1,2})年(?:来|以来)?"
    r"|近年来|近年以来|近期|连续(?:\d{1,2}|[一二三四五六七八九十两]+)年"
    r"|(?<![\d年])(?:[一二三四五六七八九十两]|\d{1,2})年(?:来|以来)"
    r"|(?:今年|去年|本年度|(?:19|20)\d\d年度?(?!\d{1,2}月\d{1,2}日))"
    r"(?:以来|上半年|下半年|前三季度|前[一二三四五六七八九十]+个月|第?[一二三四]季度|首[一二三]季度?|首季度?|首半年|全年|年初以来|年底|"
    r"(?:1|一)(?:-|—|–|~|～|至|到)(?:\d{1,2}|[一二三四五六七八九十]+)月份?)?"
    r"|上半年|下半年|前三季度|全年|第?[一二三四]季度|首季度"
    r"|(?<![\d年])(?:1|一)(?:-|—|–|~|～|至)\d{1,2}月份?"
    r"|(?<![\d年])\d{1,2}月(?:份)?以来"
    r"|目前"
    r"|(?:(?<=[，。；、：:\n])|^)(?:“[^”\n]{1,10}”)?[^，。；：、\s“”\d年]{1,8}以来",
    re.M,
)

# Verbs that start the phrase naming what is counted: 审结…案件212件 -> 审结…案件. Verbs that are mostly
# nouns in this genre (服务, 组织) are left out.
VERBS = (
    "审结 审理 受理 办理 办结 起诉 批捕 抓获 破获 侦破 查处 查办 查获 查结 化解 调解 处置 打掉 摧毁 捣毁 铲除 "
    "缴获 冻结 追缴 挽回 止损 劝阻 拦截 封堵 关停 整治 排查 开展 举办 发放 制作 建成 建立 设立 成立 组建 "
    "聘请 聘任 选任 引入 接待 提供 提出 制发 发出 立案 发现 收到 核查 处理 处罚 判处 执行 执结 结案 解决 "
    "走访 培训 惠及 覆盖 帮助 救助 办成 回应 巡查 纳入 录入 入驻 打造 布局 升级 签订 签署 发布 推出 出台 抓捕 "
    "刑拘 批准逮捕 逮捕 提起公诉 公诉 移送 审查 监督 纠正 提起 采纳 涉及 盘活 获赔 上链 存证 注册 邀请 接收 接听 受案 奖励 培育 创建 开设 "
    "新增 新建 新设 配备 招募 吸纳 动员 出动 投入 安装 部署 清理 删除 封禁 约谈 检查 督办 挂牌 命名 评选 表彰 推广 "
    "发送 推送 拨打 返还 追回 兑现 支付 救济 代理 指派 调处 摸排 收集 登记 上报 交办 反馈 开通 完成 "
    "联合 参加 参与 组织开展 进驻 量身定制 定制 审执结 整改"
).split()
_VERB_RE = re.compile("|".join(sorted(set(VERBS), key=len, reverse=True)))
_VERB_LEAD = re.compile(r"(?:不|网上|线上|在线|跨域|跨区域|批准和决定|批准或决定)$")
_VERB_END = re.compile(f"(?:{_VERB_RE.pattern})$")
# A verb followed by one of these is part of a noun: 人民调解员, 调解委员会, 执行局.
_NOUN_SUFFIX = re.compile(r"员|者|室|站|中心|机构|委员会|组织|队|局|庭|平台|工作室|团队")
# A subject ending in one of these is a measure of something, and stays whole: 立案数, 破案率, 办理时限.
_MEASURE_END = re.compile(r"(?:数|率|量|额|比|比例|占比|金额|人数|次数|时限|时长|时间|周期|面积|总值|规模)$")
_LEADING_NOISE = re.compile(
    r"^(?:[ \u3000、和及与并且（(）)]|其中|同时|此外|另外|还|并|已经|已|目前已|目前|先后|依法|持续|全年|分别|均|都|又|再|"
    r"共计|总计|合计|累计|共有|现有|已有|拥有|共|全市|全省|全区|全县|全国|成功|有效|积极|大力|截至目前|另|今年已|今年|可)+"
)
_TRAILING_NOISE = re.compile(
    r"(?:分别为|分别|均达|均为|均|共计|累计|共|都|为|达到|达|是|有|约|计|合计|总计|已|各|全部|正式|陆续|先后|"
    r"保持在|保持为|保持|稳定在|控制在|维持在|实现|全市|全省|全区|全县|全国|各类|各级|由|从|了|中有|"
    r"连续(?:\d+|[一二三四五六七八九十两]+)年|"
    r"(?:压缩|缩短|降低|下降|提升|提高|上升|增长|增加|减少|降|升|增|减)(?:至|到|为)|[ \u3000（(])+$"
)
_PREPOSITIONS = ("对", "向", "为", "给", "与", "在", "将", "把", "从")
_LIST_GLUE_END = ("、", "和", "及", "与", "以及", "或")
_LOOKAHEAD_STOP = re.compile(
    r"[，。；：！？,;:!?.\n、并和及在（）()]|同比|环比|较|\d|全部|全网|均|已|都|先后|分别|正式|共同"
)
_LOOKAHEAD_FIGURE = re.compile(r"(?:[\d.,，]+[余多]?[万亿]?[余多]?[^\s，。；、\d]?)+")
MAX_SUBJECT = 32
# 被骗率由去年的0.9%…: the start of a 由…到 phrase is not part of what is counted.
_FROM_PHRASE = re.compile(
    r"(?:由|从)(?:去年|上年|前年|今年|年初|(?:19|20)\d\d年(?:底|末)?|“?十[一二三四五]五”?(?:末|期间)?)?(?:同期)?的?$"
)


def leading_qualifier(s: str, start: int) -> tuple[str, int]:
    """('超', index where it starts) for 超10万人次; ('', start) when there is none."""
    m = LEAD_QUALIFIER.search(s, max(0, start - 5), start)
    if not m:
        return "", start
    return m.group(1), m.start()


def change_before(s: str, start: int) -> tuple[str | None, str, int]:
    """(direction, basis, phrase start) for 同比下降 right before `start`; (None, '', start) when not a change."""
    lo = max(0, start - 40)
    cut = max(s.rfind(ch, lo, start) for ch in "。；！？\n")
    window_start = max(lo, cut + 1)
    sign = SIGN_CHANGE.search(s, window_start, start)
    if sign:
        return ("down" if sign.group("sign") in "-－−" else "up"), sign.group("basis"), sign.start()
    m = CHANGE.search(s, window_start, start) or SHORT_CHANGE.search(s, window_start, start)
    if not m:
        return None, "", start
    verb = m.group("verb")
    direction = "up" if verb in UP_VERBS or verb in SHORT_UP else "down"
    basis = m.group("basis") or ""
    if not basis:
        # 与去年同期相比，全市刑事警情下降15%: the basis may stand earlier in the sentence.
        found = list(BASIS.finditer(s, window_start, m.start()))
        if found:
            basis = found[-1].group()
    return direction, basis, m.start()


def is_list_continuation(s: str, prev_end: int, start: int) -> bool:
    """Only list glue (、 和 及 ，) between two figures: 同比分别下降5.7%和4.3%, 621件808人."""
    if prev_end > start:
        return False
    return LIST_GLUE.fullmatch(s, prev_end, start) is not None


def subject_for(s: str, lead_start: int, floor: int, after: int) -> str:
    """The words that say what is counted (see the package docstring for the rule)."""
    i = lead_start
    lo = max(floor, lead_start - 60, 0)
    while i > lo and not _is_boundary(s, i - 1):
        i -= 1
    raw = _FROM_PHRASE.sub("", _strip_period(s[i:lead_start]))
    raw = _LEADING_NOISE.sub("", raw)
    raw = _TRAILING_NOISE.sub("", raw)
    raw = _drop_enumeration(raw)
    if not _MEASURE_END.search(raw):
        verb = _first_verb(raw)
        if verb is not None:
            # 不批准逮捕, 网上立案: a negation or a manner word right before the verb is part of what is counted.
            lead = _VERB_LEAD.search(raw, 0, verb.start())
            raw = raw[lead.start() if lead else verb.start() :]
        de = raw.rfind("的")
        if raw[de - 1 : de + 1] == "标的":
            de = -1  # 标的 (the amount at stake) is a noun, not a modifier mark
        if 0 <= de < len(raw) - 1:
            # 利用网络平台实施的侵犯知识产权犯罪: the head noun after the last 的, behind the verb if any.
            head = verb.group() if verb is not None and verb.end() <= de else ""
            raw = head + raw[de + 1 :]
    if _ends_with_verb(raw):
        # 打掉1个…的黑社会性质组织 -> 打掉黑社会性质组织.
        return _cap(raw + _noun_after(s, after))
    if (
        raw.endswith(_PREPOSITIONS)
        or not raw
        or raw.endswith(_LIST_GLUE_END)
        or (raw.endswith("的") and not raw.endswith("标的"))
    ):
        # 对587家民营企业开展…, 具备条件的86项政务服务事项, 10余家关键信息基础设施、3000余个重要信息系统:
        # the counted thing follows the unit (what stood before was a preposition, a modifier or the
        # previous figure's noun). With nothing after it either (占全部案件的31.5%。), keep what there is.
        return _cap(_noun_after(s, after) or raw.rstrip("、和及与或的"))
    return _cap(raw)


def _is_boundary(s: str, i: int) -> bool:
    ch = s[i]
    if ch == ".":
        # An ASCII full stop ends a clause in noisy copies; between digits it is a decimal point.
        return not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit())
    return ch in CLAUSE_BOUNDARY


def _cap(raw: str) -> str:
    return raw[-MAX_SUBJECT:] if len(raw) > MAX_SUBJECT else raw


def _first_verb(raw: str) -> re.Match | None:
    for m in _VERB_RE.finditer(raw):
        if not _NOUN_SUFFIX.match(raw, m.end()):
            return m
    return None


def _ends_with_verb(raw: str) -> bool:
    return _VERB_END.search(raw) is not None


def _strip_period(raw: str) -> str:
    m = PERIOD.match(raw)
    while m and m.end() > 0:
        raw = raw[m.end() :].lstrip("，, \u3000")
        m = PERIOD.match(raw)
    return raw


def _drop_enumeration(raw: str) -> str:
    """审结强迫交易、非法经营、合同诈骗等破坏市场经济秩序犯罪案件 -> 审结破坏市场经济秩序犯罪案件."""
    deng = raw.rfind("等")
    if deng <= 0 or not ("、" in raw[:deng] or raw[deng - 1] in "”」』\"'"):
        return raw
    first = raw.find("、")
    first = deng if first < 0 else first
    verb_end = 0
    for m in _VERB_RE.finditer(raw, 0, first):
        verb_end = m.end()
    return raw[:verb_end] + raw[deng + 1 :]


def _noun_after(s: str, after: int) -> str:
    end = min(len(s), after + 30)
    skip = _LOOKAHEAD_FIGURE.match(s, after, end)
    start = skip.end() if skip and s[after : after + 1].isdigit() else after
    # 抓获两名在逃人员: 在 stops a phrase (在…开展) but not one it begins.
    m = _LOOKAHEAD_STOP.search(s, start + (s[start : start + 1] == "在"), end)
    phrase = s[start : m.start() if m else end]
    if "的" in phrase:
        phrase = phrase[phrase.rfind("的") + 1 :]
    verb = _first_verb(phrase)
    if verb is not None and verb.start() > 0 and not _VERB_LEAD.search(phrase, 0, verb.start()):
        phrase = phrase[: verb.start()]
    return _TRAILING_NOISE.sub("", phrase)


COMPARISON_MARKS = frozenset("由较比")
# Between a compared period and a figure: a clause mark or a verb of change ends the comparison's reach.
_COMPARISON_BREAK = re.compile(
    r"[，。；：！？,;:!?\n]|下降|上升|增长|减少|降低|提高|提升|增加|[降升增减到至]"
)


class Periods:
    """Period phrases of one text, looked up for each figure (rule in the package docstring)."""

    def __init__(self, s: str, quotes: list[tuple[int, int]]):
        self.s = s
        matches = [m for m in PERIOD.finditer(s) if not inside(quotes, m.start(), m.end())]
        # 由去年的0.9%下降到0.4%, 较去年下降15%: a period after 由/较/比 is what a figure is compared with. It
        # dates only the figure it introduces (the 0.9%), never what follows the verb of change.
        self.comparisons = [
            (m.start(), m.end(), m.group())
            for m in matches
            if m.start() > 0 and s[m.start() - 1] in COMPARISON_MARKS
        ]
        self.found = [
            (m.start(), m.end(), m.group())
            for m in matches
            if _heads_clause(s, m) and not (m.start() > 0 and s[m.start() - 1] in COMPARISON_MARKS)
        ]
        self.sentence_ends = [m.start() for m in _SENTENCE_END_RE.finditer(s)]
        self.newlines = [m.start() for m in _NEWLINE.finditer(s)]
        self.starts = [f[0] for f in self.found]
        body = self._first_body_paragraph()
        # A section headed “十四五”期间…工作情况 dates the figures under it as much as its lead sentence does.
        heading = self.found[0] if self.found and (body < 0 or self.found[0][1] <= body) else None
        self.section_lead = self._lead_of(body) or (heading and (heading[0], heading[2]))

    def for_figure(self, start: int) -> str:
        return self.with_basis(start)[0]

    def with_basis(self, start: int) -> tuple[str, str]:
        """(period as written, "stated" | "inherited" | "") for the figure starting at `start`: stated in
        its own sentence, or inherited from the paragraph's or the section's opening sentence."""
        for _a, b, text in reversed(self.comparisons):
            if b <= start and start - b <= 12 and not _COMPARISON_BREAK.search(self.s, b, start):
                return text, "stated"
        e = bisect.bisect_left(self.sentence_ends, start)
        sentence_start = self.sentence_ends[e - 1] + 1 if e else 0
        for k in range(bisect.bisect_left(self.starts, start) - 1, -1, -1):
            a, b, text = self.found[k]
            if a < sentence_start:
                break
            if b <= start:
                return text, "stated"
        n = bisect.bisect_left(self.newlines, start)
        paragraph_start = self.newlines[n - 1] + 1 if n else 0
        for lead in (self._lead_of(paragraph_start), self.section_lead):
            if lead is not None and lead[0] < start:
                return lead[1], "inherited"
        return "", ""

    def opening(self, within: int = 300) -> str:
        """The first period phrase of the text, if it stands near the start: what a release's opening
        (本季度, 今年以来) says for sections that name no period of their own."""
        return self.found[0][2] if self.found and self.found[0][0] < within else ""

    def _lead_of(self, paragraph_start: int) -> tuple[int, str] | None:
        """(start, text) of the first period phrase in the first sentence of the paragraph."""
        if paragraph_start < 0:
            return None
        e = bisect.bisect_left(self.sentence_ends, paragraph_start)
        lead_end = self.sentence_ends[e] if e < len(self.sentence_ends) else len(self.s)
        k = bisect.bisect_left(self.starts, paragraph_start)
        if k < len(self.found) and self.found[k][1] <= lead_end:
            return self.found[k][0], self.found[k][2]
        return None

    def _first_body_paragraph(self) -> int:
        """Start of the first paragraph that reads as prose (has a sentence end), skipping headings."""
        pos = 0
        for line in self.s.split("\n"):
            if "。" in line or "，" in line:
                return pos
            pos += len(line) + 1
        return -1


# Periods that say when whatever their position: 全市公安机关今年以来共侦破…
# A bare year is not one of them: 较2012年下降 is a basis, （2024-2026年） a title's span.
_STRONG_PERIOD = re.compile(
    r"自|从|截|今年|去年|本年度|(?:19|20)\d\d年度?.|“?十[一二三四五]五|(?:党的)?十[八九]大"
)
_PERIOD_OPENERS = frozenset('，。；：！？,;:!?\n、 \u3000“”"（()）')


def _heads_clause(s: str, m: re.Match) -> bool:
    """A vague period phrase (近年来, 目前, …以来) frames what follows only at the head of a clause, not inside a
    noun phrase (打掉1个全市近年来组织成员最多的…); a dated one (今年以来, 2025年以来, 截至…) anywhere."""
    a = m.start()
    if a == 0 or s[a - 1] in _PERIOD_OPENERS or _STRONG_PERIOD.match(m.group()):
        return True
    return s[m.end() : m.end() + 1] in ("，", ",")
