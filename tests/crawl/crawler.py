"""A breadth-first crawl of the pages one logged-in user can reach by following links.

The crawl starts where the login lands (the dashboard), takes every navigation item and every
link on that page as depth 1, and the links on those pages as depth 2. Only GET, only this site's
own pages (not Django's admin, not static files, not logout). One URL pattern stands for many
rows: at most ``PER_VIEW`` addresses of one view are visited (the first student, the second …),
so the crawl's size follows the product's pages, not its data.

A page is a problem when it answers 5xx, when a template printed an unknown variable (the test
sets ``string_if_invalid`` to ``INVALID_MARKER``), or when the page is not in the user's language.
A linked page that answers 403/404 is a problem too: the product showed this user a link that
does not work for them. So is an HTML page without the protective headers (``header_problems``,
issue 13): a Content-Security-Policy whose scripts need this response's nonce (and that nonce on
the page's scripts, no 'unsafe-inline' for scripts), a Permissions-Policy, and for a logged-in
user ``Cache-Control: no-store``."""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve


class InvalidVariable(str):
    """Django's ``string_if_invalid`` for the crawl: printed where a template shows a variable that
    does not exist, but falsy, so that Django still applies the filters (``|default:"—"``) as it
    does with the usual empty string; only a variable printed bare is caught."""

    def __bool__(self):
        return False


INVALID_MARKER = InvalidVariable("!!INVALID-TEMPLATE-VARIABLE!!")
PER_VIEW = 2
MAX_DEPTH = 2
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/", "/accounts/logout/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "html":
            self.lang = attrs.get("lang", "")


_HTML_TAG = re.compile(r"<html\b([^>]*)>", re.IGNORECASE)
_LANG = re.compile(r"""(?<![\w:-])lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def page_language(html: str) -> str:
    """The ``lang`` of the page's ``<html>`` tag: what ``_Links`` finds, without parsing the whole
    page (for the pages at the crawl's last depth, whose links are not followed)."""
    tag = _HTML_TAG.search(html)
    lang = _LANG.search(tag.group(1)) if tag else None
    return next((value for value in lang.groups() if value is not None), "") if lang else ""


def header_problems(response, html: str, logged_in: bool) -> list[str]:
    """What is wrong with the security and privacy headers of an HTML page."""
    problems = []
    policy = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    scripts = directives.get("script-src", directives.get("default-src", []))
    nonces = [source for source in scripts if source.startswith("'nonce-")]
    if not policy:
        problems.append("no Content-Security-Policy")
    elif "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts or not nonces:
        problems.append(f"script-src without a nonce or with unsafe sources: {scripts}")
    elif f'nonce="{nonces[0][7:-1]}"' not in html:
        problems.append("the page's scripts do not carry the response's nonce")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if logged_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"cacheable for a logged-in user: {response.get('Cache-Control')!r}")
    return problems


@dataclass
class CrawlResult:
    login: str
    visited: list[str] = field(default_factory=list)
    html_pages: list[str] = field(default_factory=list)  # visited and answered 200 with HTML
    problems: list[str] = field(default_factory=list)


def in_scope(href: str) -> str | None:
    """The site-relative address of a link worth following, or None."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(
    client, login: str, start: str = "/", language: str = "nl", logged_in: bool = True
) -> CrawlResult:
    """Crawl as the user logged in on ``client`` (or an anonymous visitor); return what was
    visited and what went wrong."""
    result = CrawlResult(login=login)
    queue: deque[tuple[str, int, str]] = deque([(start, 0, "")])
    seen: set[str] = {start}
    per_view: dict[str, int] = {}
    while queue:
        url, depth, referrer = queue.popleft()
        try:
            view = resolve(urlsplit(url).path).view_name
        except Resolver404:
            result.problems.append(f"{url} (linked from {referrer}) points nowhere")
            continue
        if per_view.get(view, 0) >= PER_VIEW:
            continue
        per_view[view] = per_view.get(view, 0) + 1
        response = client.get(url)
        result.visited.append(url)
        where = f"{url} (depth {depth}, from {referrer or 'login'})"
        if response.status_code >= 500:
            error = getattr(response, "exc_info", None)
            detail = f" {error[0].__name__}: {error[1]}" if error else ""
            result.problems.append(f"{where}: {response.status_code}{detail}")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = in_scope(urljoin(url, response["Location"]))
            if target and target.startswith("/accounts/login/") and logged_in:
                result.problems.append(f"{where}: sends a logged-in user to the login page")
            elif target and target not in seen:
                seen.add(target)
                queue.appendleft((target, depth, url))
            continue
        if response.status_code >= 400:
            result.problems.append(f"{where}: {response.status_code} on a link shown to this user")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        result.html_pages.append(url)
        if INVALID_MARKER in html:
            at = html.index(INVALID_MARKER)
            snippet = re.sub(r"\s+", " ", html[max(0, at - 80) : at]).strip()
            result.problems.append(f"{where}: unknown template variable printed after {snippet!r}")
        result.problems += [
            f"{where}: {problem}" for problem in header_problems(response, html, logged_in)
        ]
        if depth >= MAX_DEPTH:  # its links are not followed: no need to parse the whole page
            lang, hrefs = page_language(html), []
        else:
            parser = _Links()
            parser.feed(html)
            lang, hrefs = parser.lang, parser.hrefs
        if lang and not lang.startswith(language):
            result.problems.append(f"{where}: page language {lang!r}, not {language!r}")
        for href in hrefs:
            target = in_scope(urljoin(url, href))
            if target and target not in seen:
                seen.add(target)
                queue.append((target, depth + 1, url))
    return result
