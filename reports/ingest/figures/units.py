"""The measure words and units a figure can end in, in simplified form, and the words that only look like one.

A unit is matched longest first (人次 before 人, 个百分点 before 个). A unit character that starts a longer
ordinary word (人民, 起诉, 项目, 部署) is not a unit there: `FALSE_UNIT_WORD` lists those words, each written
so that a real unit followed by a noun (2起诉讼, 1个案例, 12个人民调解委员会) still counts.
"""

from __future__ import annotations

import re

COUNT_UNITS = tuple(
    (
        # cases, people, organisations
        "件 宗 起 例 人 名 位 户 家 所 座 支 队 组 批 处 个 部门 部委 单位 网点 "
        # occurrences
        "次 人次 户次 件次 场次 车次 辆次 架次 批次 条次 家次 班次 "
        # things
        "路 条 场 份 项 类 种 辆 艘 架 台 部 本 册 篇 张 块 套 间 栋 幢 期 轮 门 节 堂 幅 首 单 笔 枚 株 "
        "个 只 头 把 盏 卷 "
        # weights, areas, lengths
        "吨 公斤 千克 克 斤 亩 公顷 平方米 平方公里 立方米 公里 千米 米"
    ).split()
)
MONEY_UNITS = ("元", "美元", "港元", "欧元")
RATE_UNITS = ("%", "‰", "个百分点", "百分点", "倍")
# Units that only count as a figure at the end of a phrase: "1.27个工作日" is a figure, "24小时在线" and
# "15分钟公共法律服务圈" are service promises or names, "9时30分" is a time; 发 (rounds) mostly starts a
# verb (发生, 发现), so "子弹1200发" must end its phrase too.
BOUNDED_UNITS = ("个工作日", "工作日", "天", "小时", "个小时", "分钟", "秒", "个月", "分", "发")

UNITS = frozenset(COUNT_UNITS + MONEY_UNITS + RATE_UNITS + BOUNDED_UNITS)
MAX_UNIT_LEN = max(len(u) for u in UNITS)
UNIT_FIRST_CHARS = frozenset(u[0] for u in UNITS)

# What may follow a bounded unit without turning it into a name or a promise: punctuation, the end, a
# trailing qualifier (以上, 左右, 以内, 多) or a verb of change (压缩, 缩短, 减少, 降至). Not 内: 24小时内办结 is a
# service promise.
BOUNDED_FOLLOWERS = frozenset("，。；、：！？,;:!?）)」”\"'』 \u3000\t\n多压缩减提降至到")

# Ordinary words that begin with a unit character. Lookaheads keep the real counts: 个案例, 个人民…, 起诉讼.
FALSE_UNIT_WORD = re.compile(
    r"人民|人员|人口|人才|人身|人均|人数|人社|人大|人防|人工|"
    r"人力|人居|人文|人格|人心|人群|人脸|人像|人事|人物|人们|人间|人性|人道|人证|人权|"
    r"名单|名称|名义|名录|名片|名额|名誉|名牌|名字|名列|名次|"
    r"位于|位居|位列|位置|"
    r"家庭|家长|家属|家园|家乡|家人|家暴|家事|家政|家电|家具|家用|家族|家门|家中|家里|家风|"
    r"次日|次年|次要|次生|次月|"
    r"条例|条件|条款|条线(?!索|路)|条码|条块|"
    r"场所|场景|场地|场馆|场合|场站|场景|场域|"
    r"项目|类案|类型|类别|类似|种植|种子|种类|"
    r"台账|台区|台湾|台风|"
    r"部署|部分|部位|部长|部队|"
    r"处理|处罚|处置|处长|处室|处于|处分|处以|处在|处级|"
    r"所有|所属|所在|所以|所得|所长|所谓|所需|"
    r"本地|本部|本级|本市|本年|本次|本人|本着|本单位|本身|本领|"
    r"张贴|张某|支持|支队|支付|支撑|支援|支部|支出|支柱|"
    r"期间|期限|期满|期待|期望|期末|期初|"
    r"组织|组建|组成|组长|组团|组合|组件|队伍|队员|队长|份额|"
    r"起诉(?!讼)|起草|起到|起来|起步|起点|起始|起航|起底|起伏|"
    r"户籍|户口|户外|户主|块状|间隔|间接|座谈|套路|套取|套现|"
    r"路段|路口|路面|路线|路径|路网|路况|"
    r"批捕|批准|批复|批评|批示|批判|"
    r"个人(?!民)|个体|个性|个别|个案(?!例|件)|"
    r"元旦|元宵|元素|元年|元月|元首|"
    r"宗教|宗旨|宗族|门户|门槛|门诊|门前|节点|节日|节约|节目|节能|节气|节假|"
    r"首批|首家|首届|首次|首个|首位|首创|首席|首都|首府|首要|"
    r"单一|单独|单纯|单元|笔录|轮训|轮换|轮流|只有|只要|只能|只是|头部|头脑|把关|把握|"
    r"米粉|克服|克隆"
)


def match_unit(s: str, pos: int) -> str:
    """The longest unit at s[pos:], or '' when there is none or the characters start an ordinary word."""
    if pos >= len(s) or s[pos] not in UNIT_FIRST_CHARS:
        return ""
    for length in range(min(MAX_UNIT_LEN, len(s) - pos), 0, -1):
        cand = s[pos : pos + length]
        if cand in UNITS:
            false = FALSE_UNIT_WORD.match(s, pos)
            if false and false.end() - pos > length:
                return ""
            return cand
    return ""


def bounded_ok(s: str, end: int) -> bool:
    return end >= len(s) or s[end] in BOUNDED_FOLLOWERS or s.startswith(("以上", "左右", "以内"), end)


def unit_kind(unit: str) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit in RATE_UNITS:
        return "rate"
    if unit in BOUNDED_UNITS:
        return "bounded"
    return "count"
