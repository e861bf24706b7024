"""Our main-text extractor (reports/ingest/htmltext.py) against trafilatura, on pages in the genre's layouts.

    .venv/bin/python bench/main_text.py

The pages are written here (invented releases, no quoted sentences) in the shapes real sites use: a city
portal with navigation and sidebars, a table-layout government site, a mirror with spam blocks and share
bars, a WeChat-style article, a page with the body split over <br> lines, a court site with a long footer.
For each page the known body is compared with each extractor's output by characters (Han and digits only,
multiset overlap): recall = share of the body found, precision = share of the output that is body.
No Django needed.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from reports.ingest.htmltext import html_to_article  # noqa: E402

BODY = [
    "12月1日上午，江城市召开2026年平安建设新闻发布会，市委政法委、市法院、市检察院、市公安局、市司法局负责同志通报工作情况。",
    "今年以来，全市共排查矛盾纠纷5231件，化解5012件，化解率95.8%，群众安全感满意度达到98.6%。",
    "市公安局共破获电信网络诈骗案件813起，抓获犯罪嫌疑人1207名，冻结涉案资金3410万元。",
    "市检察院批准逮捕犯罪嫌疑人964人，提起公诉1838人，办理公益诉讼案件276件。",
    "市司法局办理法律援助案件2906件，建成公共法律服务工作室1120个。",
]
NAV = "<div class='nav'>" + "".join(f"<a href='/c{i}'>栏目{i}</a>" for i in range(12)) + "</div>"
SIDE = (
    "<div class='side'><h3>热点新闻</h3>"
    + "".join(f"<p><a href='/n{i}'>全市召开第{i}次工作会议部署重点任务</a></p>" for i in range(8))
    + "</div>"
)
FOOT = "<div class='footer'><p>主办单位：江城市人民政府办公室 承办单位：江城市大数据中心</p><p>网站标识码1234567890 备案号12345678号</p></div>"


def paras(tag="p"):
    return "".join(f"<{tag}>{p}</{tag}>" for p in BODY)


PAGES = {
    "portal": f"<html><head><title>江城市召开平安建设新闻发布会</title></head><body>{NAV}<div class='article'><h1>江城市召开平安建设新闻发布会</h1><div class='info'>来源：江城日报 2026-12-01</div><div class='content'>{paras()}</div></div>{SIDE}{FOOT}</body></html>",
    "table_layout": f"<html><head><title>平安建设新闻发布会</title></head><body><table><tr><td>{NAV}</td></tr><tr><td width='70%'><table><tr><td class='title'>江城市召开平安建设新闻发布会</td></tr><tr><td>{'<br>'.join(BODY)}</td></tr></table></td><td>{SIDE}</td></tr><tr><td>{FOOT}</td></tr></table></body></html>",
    "mirror_spam": f"<html><head><title>转载</title></head><body>{NAV}<div id='main'><h1>江城市召开平安建设新闻发布会</h1><div class='share'>分享到：微信 微博 QQ空间</div><div class='text'><p>{BODY[0]}</p><p>关注公众号获取更多资讯，扫码下载客户端</p>{''.join(f'<p>{p}</p>' for p in BODY[1:])}<p>本文转载自网络，如有侵权请联系删除</p></div></div>{SIDE}<div class='ad'>广告：法律咨询热线在线解答各类问题欢迎来电</div>{FOOT}</body></html>",
    "wechat": f"<html><head><title>江城发布</title></head><body><div class='rich_media'><h2 class='rich_media_title'>江城市召开平安建设新闻发布会</h2><div class='rich_media_meta'>江城发布 2026-12-01</div><div class='rich_media_content'>{''.join(f'<section><span>{p}</span></section>' for p in BODY)}</div><div class='qr'>长按识别二维码关注我们</div></div></body></html>",
    "br_lines": f"<html><head><title>发布会</title></head><body>{NAV}<div class='zw'>{'<br><br>'.join(BODY)}</div>{FOOT}</body></html>",
    "court_footer": f"<html><head><title>江城中院</title></head><body>{NAV}<article><h1>江城市召开平安建设新闻发布会</h1>{paras()}</article><footer>{FOOT}{FOOT}</footer><div class='links'>{SIDE}{SIDE}</div></body></html>",
}


def chars(text: str) -> Counter:
    return Counter(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isdigit())


def score(expected: str, got: str) -> tuple[float, float]:
    want, have = chars(expected), chars(got)
    common = sum((want & have).values())
    return common / max(1, sum(want.values())), common / max(1, sum(have.values()))


def ours(html: str) -> str:
    return html_to_article(html.encode("utf-8")).text


def theirs(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=False) or ""


def main() -> int:
    expected = "\n".join(BODY)
    rows = {"ours": [], "trafilatura": []}
    print(f"{'page':14} {'ours R':>7} {'ours P':>7} {'traf R':>7} {'traf P':>7}")
    for name, html in PAGES.items():
        a, b = score(expected, ours(html)), score(expected, theirs(html))
        rows["ours"].append(a)
        rows["trafilatura"].append(b)
        print(f"{name:14} {a[0]:7.3f} {a[1]:7.3f} {b[0]:7.3f} {b[1]:7.3f}")
    for name, values in rows.items():
        recall = statistics.mean(v[0] for v in values)
        precision = statistics.mean(v[1] for v in values)
        print(f"mean {name:12} recall {recall:.3f} precision {precision:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
