"""Is a fetched page the article, or a page saying the article is gone (a "soft 404")?

Chinese government sites often answer a removed article with 200 and a short page: 页面不存在, 该信息已删除,
or a redirect to the home page. A page counts as gone when its status says so, or when its text is short
and says one of these phrases; a long article that merely quotes 页面不存在 is not gone.
"""

from __future__ import annotations

GONE_STATUSES = {404, 410}
SOFT_404 = (
    "页面不存在",
    "頁面不存在",
    "该信息已删除",
    "該信息已刪除",
    "信息已删除",
    "信息已被删除",
    "内容已删除",
    "文章不存在",
    "该文章已删除",
    "页面已删除",
    "您访问的页面不存在",
    "找不到页面",
    "页面找不到",
    "页面未找到",
    "信息不存在",
    "稿件已撤回",
    "404 not found",
    "page not found",
)
SHORT_PAGE = 400  # characters of visible text


def soft_404(text: str) -> str:
    """The phrase that marks a short page as a removal notice, or ""."""
    if len(text) > SHORT_PAGE:
        return ""
    lowered = text.lower()
    for phrase in SOFT_404:
        if phrase in lowered:
            return phrase
    return ""
