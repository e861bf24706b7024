"""A real HTTP server on 127.0.0.1 whose pages a test can set, change, redirect and remove.

No mocks: the fetcher and the watcher talk HTTP to it through the loopback interface. Pages are keyed by
path; each is (status, headers, body) or a special behaviour ("slow", "huge", "trickle").
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Site:
    def __init__(self):
        self.pages: dict[str, tuple[int, dict, bytes]] = {}
        self.slow: dict[str, float] = {}
        self.requests: list[tuple[str, str, str]] = []  # (host, path, user agent)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05})
        self.thread.daemon = True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def html(self, path: str, body: str, status: int = 200) -> None:
        self.pages[path] = (status, {"Content-Type": "text/html; charset=utf-8"}, body.encode("utf-8"))

    def redirect(self, path: str, target: str, status: int = 301) -> None:
        self.pages[path] = (status, {"Location": target}, b"")

    def remove(self, path: str) -> None:
        self.pages.pop(path, None)

    def start(self) -> Site:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                site.requests.append(
                    (self.headers.get("Host", ""), self.path, self.headers.get("User-Agent", ""))
                )
                if self.path in site.slow:
                    time.sleep(site.slow[self.path])
                page = site.pages.get(self.path)
                if page is None:
                    body = b"<html><body><h1>404 Not Found</h1></body></html>"
                    page = (404, {"Content-Type": "text/html; charset=utf-8"}, body)
                status, headers, body = page
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


def article(
    title: str, paragraphs: list[str], outlet: str = "清河市融媒体中心", date: str = "2026-03-02"
) -> str:
    """A page in the shape of a city news portal: navigation, the article, a sidebar, a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="publishdate" content="{date}"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news/">要闻</a> <a href="/gov/">政务</a></div>
<div class="article"><h1>{title}</h1><div class="info">来源：{outlet} 发布时间：{date}</div>
<div class="content">{body}</div></div>
<div class="side"><a href="/a">热点新闻一</a><a href="/b">热点新闻二</a></div>
<div class="footer">版权所有 清河市人民政府 备案号</div></body></html>"""


# Our own invented release in the genre's shape (no sentence is quoted from a real one).
RELEASE_PARAGRAPHS = [
    "3月1日上午，清河市召开2025年度平安建设新闻发布会，市委政法委、市中级人民法院、市人民检察院、市公安局、市司法局有关负责同志通报全年工作情况，并回答记者提问。",
    "市委政法委副书记介绍，全年共排查各类矛盾纠纷4821件，成功化解4633件，化解率96.1%，群众安全感达到98.4%。",
    "市中级人民法院全年受理各类案件38527件，审执结36910件，结案率95.8%，同比上升1.7个百分点。",
    "市人民检察院共批准逮捕各类犯罪嫌疑人1264人，提起公诉2377人，办理公益诉讼案件318件。",
    "市公安局全年破获电信网络诈骗案件742起，抓获犯罪嫌疑人1096名，为群众挽回经济损失5630万元。",
    "市司法局全年办理法律援助案件3152件，建成村（社区）公共法律服务工作室1287个，实现全覆盖。",
]
