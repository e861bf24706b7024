"""Figures: every quantity a release reports, read from a section's text with its exact span.

`extract_figures(text)` takes a section in its original script (simplified, traditional or mixed) and returns
`Figure`s whose `text[start:end]` is the figure as written. The rules run on the normalised view of the text
(reports.ingest.text: widths folded, mirror noise dropped, simplified, with an offset map back), so one rule
set serves both scripts and both widths. Everything a figure
carries besides `text` is simplified: unit, qualifier, basis, subject, period.

Conventions
-----------
What is a figure
    A quantity a researcher would tabulate: counts of cases, people, organisations, places, items or
    measures (212件, 1个, 18项, 52151路), money (54.6亿元), rates and shares (72.26%), changes (同比下降11.6%),
    durations that are results (1.27个工作日). A number needs a unit; without one it counts only at the end of
    a clause, multiplied (惠及152万) or as a level after 为/至/下降 (万人发案率为3.2). Not figures: dates and
    years, hotlines, operation and document names, ordinals, ranks and list labels, numerals inside quotes or
    titles (“十五条举措”, “24小时无人警局”), set phrases made of a single Chinese numeral and a noun (三个安全,
    五项措施, 四大检察; a small count in words that ends its clause, 抓获嫌疑人三名。, is a figure), service
    hours and promises (24小时在线, 24小时内办结), campaign lengths (为期3个月), times of day, codes, ranges,
    denominators (每10万人), vague amounts (数十万), page furniture (浏览量：1234), masked digits (#萬起).
    See exclusions.py.
Span
    From the first character of the number to the last character of the unit. A qualifier between them is
    inside (600余件, 2000余萬元, 15萬餘件), and so is junk a mirror site spliced in (1.9萬(wàn)名). Leading
    qualifiers (超, 近, 约, 逾, 达, 共, 累计 …) and trailing ones after the unit (以上, 左右, 以下) stay outside:
    超10万人次 -> "10万人次"; 95%以上 -> "95%"; 8分钟以内 -> "8分钟". The one exception is a bare multiplier,
    whose lead word is part of the number: 上亿元 -> "上亿元", value 100000000, qualifier 上 (also 近万人, 逾百人;
    and 百余家, 千余人, where 余 follows). A bare threshold describing something (案值超亿元的案件) is not a
    figure.
Value and unit
    Decimal, multiplied out: 54.6亿元 -> 5460000000 元, 1.9萬名 -> 19000 名, 十五万五千宗 -> 155000 宗. The unit
    is the measure word (件, 人, 个百分点, %, 元, 人次 …); 万/亿 never stay in it.
Qualifier
    One word, simplified: the one inside the span (余, 多) wins over one after the unit (以上, 左右, 以内,
    以下), which wins over one right before the number (超, 近, 约, 逾, 达到, 突破, 不超过, 共计, 累计).
Changes
    A figure right after a verb of change is a change: 同比下降11.6% -> 11.6 %, down, basis 同比;
    较2012年下降64.4% -> basis 较2012年; 年均降幅 -> basis 年均; 同比+12.3% and 按年 (Hong Kong usage) too. A
    verb followed by 至/到/为 gives a level, not a change (压缩至1.27个工作日). Items of a list joined only by
    、/和/及 take the change of the first one: 同比分别下降5.7%和4.3% is two changes, both down; a comma ends
    the list. The basis is "" when the figure is not a change, and may be "" for a change that names none.
为零
    被骗率保持为零 is a figure: span "零", value 0; the unit is % when the subject is a rate (ends in 率, 比例,
    占比), otherwise "".
Subject
    The words before the figure back to the previous clause mark (，。；：) or the previous figure, with a
    leading period phrase and fillers (共, 累计, 其中, 全市, 已 …) removed, an enumeration ending in 等 dropped,
    and the phrase started at its first counting verb: 今年以来，全市两级法院审结强迫交易、非法经营等破坏市场
    经济秩序犯罪案件212件 -> 审结破坏市场经济秩序犯罪案件. When what is left is only a verb or a preposition,
    the counted thing follows the unit and is taken from there: 打掉1个…的黑社会性质组织 -> 打掉黑社会性质组织.
    Figures in one run (621件808人, 5.7%和4.3%) share a subject. At most 24 characters.
Period
    The nearest period phrase (今年以来, 近五年, “十四五”期间, 2025年以来, 截至目前, 常态化以来 …) before the
    figure in the same sentence; else the first one in the first sentence of the figure's paragraph; else the
    first one in the first sentence of the text's first prose paragraph (the section lead); in the fallbacks
    only a phrase that comes before the figure. A vague phrase (近年来, 目前, …以来) counts only at the head
    of a clause, not inside a noun phrase (打掉1个全市近年来成员最多的…); none counts inside quotes or titles.
    As written, simplified.
"""

from .extract import extract_figures, opening_period

__all__ = ["extract_figures", "opening_period"]
