"""The HTML reports: every report kind renders, escapes by construction, fetches nothing, and a
real browser (headless Chromium) shows it on screen and prints it.

The browser tests skip only when Chromium is absent; CI installs it (``.ci/run``).
"""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from tests.browser import CHROMIUM, inked_share, pdf, pdf_pages, screenshot
from tests.conftest import Writer

# Property runs, subprocesses or real terminals, browsers and language servers: seconds.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
Q2, Q3 = str(ROOT / "examples/acme-2026-Q2.yaml"), str(ROOT / "examples/acme-2026-Q3.yaml")
UNITS = sorted(str(p) for p in (ROOT / "examples/units-2026-Q3").glob("*.yaml"))
KINDS = {
    "score": ["score", Q3],
    "diff": ["diff", Q2, Q3, "--all"],
    "trend": ["trend", Q2, Q3],
    "combine": ["combine", *UNITS, "--by", "assessor"],
    "plan": ["plan", Q3],
    "importance": [
        "score",
        str(ROOT / "examples/expectations/acme-2026-Q3.yaml"),
        "--importance",
        str(ROOT / "examples/importance/acme-customer-survey-2026.yaml"),
    ],
}
# Attributes that make a browser fetch or navigate; a report may only point inside itself.
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xmlns",
                  "xlink:href", "background", "cite", "longdesc", "manifest", "ping"}  # fmt: skip


class Page(HTMLParser):
    """What the checks need from a page: tags, attributes, text, and the style sheets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def render(runner: CliRunner, arguments: list[str]) -> str:
    result = runner.invoke(app, [*arguments, "-f", "html"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every report kind of the bundled examples as an HTML file."""
    folder = tmp_path_factory.mktemp("html")
    runner = CliRunner()
    found = {}
    for kind, arguments in KINDS.items():
        found[kind] = folder / f"{kind}.html"
        found[kind].write_text(render(runner, arguments), encoding="utf-8")
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_page_is_one_self_contained_html5_file(pages: dict[str, Path], kind: str) -> None:
    html = pages[kind].read_text(encoding="utf-8")
    page = parse(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    names = [tag for tag, _ in page.tags]
    for forbidden in ("script", "img", "link", "iframe", "object", "embed", "base", "form"):
        assert forbidden not in names, forbidden
    for tag, attributes in page.tags:
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name in URL_ATTRIBUTES:
                assert (value or "").startswith("#"), (tag, name, value)
    sheet = "".join(page.styles)
    assert "@import" not in sheet
    assert "url(" not in sheet
    assert "url(" not in html
    assert names.count("svg") >= 1
    assert "Executive summary" in "".join(page.text)


@pytest.mark.parametrize("kind", KINDS)
def test_content_security_policy_allows_only_inline_styles(
    pages: dict[str, Path], kind: str
) -> None:
    page = parse(pages[kind].read_text(encoding="utf-8"))
    policies = [
        attributes.get("content") or ""
        for tag, attributes in page.tags
        if tag == "meta"
        and (attributes.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert len(policies) == 1
    directives = {
        part.split()[0]: part.split()[1:] for part in policies[0].split(";") if part.strip()
    }
    assert directives["default-src"] == ["'none'"]
    assert directives["style-src"] == ["'unsafe-inline'"]
    assert set(directives) <= {"default-src", "style-src", "base-uri", "form-action"}


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_is_labelled(pages: dict[str, Path], kind: str) -> None:
    html = pages[kind].read_text(encoding="utf-8")
    page = parse(html)
    charts = [a for tag, a in page.tags if tag == "svg" and a.get("role") == "img"]
    assert charts
    assert all(a.get("aria-label") for a in charts)
    assert html.count("<title>") >= len(charts) + 1  # the page's title and one per chart


HOSTILE_AUDIT = r"""rubric: mini.yaml
organization: "<script>alert(1)</script> \"><img src=x onerror=alert(2)> \e[31m \u202e"
unit: '"><img src=y onerror=alert(3)>'
period: 2026-Q3
answers:
  greet: 2
  resolve: 1
  billing: {score: n/a, note: '<script>alert(4)</script>"><img onerror=alert(5)>'}
"""


def test_text_from_files_appears_as_text_never_as_markup(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    audit = write("audit.yaml", HOSTILE_AUDIT)
    html = render(runner, ["score", str(audit)])
    page = parse(html)
    assert [tag for tag, _ in page.tags if tag in ("script", "img")] == []
    text = "".join(page.text)
    assert '<script>alert(4)</script>"><img onerror=alert(5)>' in text
    assert '"><img src=y onerror=alert(3)>' in text
    assert "&lt;script&gt;alert(4)" in html
    # Control and bidirectional characters are shown as escapes, as in every format.
    assert "\x1b" not in html
    assert "\u202e" not in html
    assert "\\x1b[31m" in text
    assert "\\u202e" in text


def test_other_formats_start_without_jinja() -> None:
    """Jinja2 is imported for ``-f html`` only: ``-X importtime`` lists every module imported."""
    for fmt, expected in (("json", False), ("html", True)):
        found = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "svccheck", "score", Q3, "-f", fmt],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ("| jinja2" in found.stderr) is expected, fmt


browser = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@browser
@pytest.mark.parametrize("kind", KINDS)
def test_browser_shows_the_page_and_prints_it(
    pages: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    for width in ("640,1000", "390,1000"):  # a narrow desktop window and a phone
        shot = screenshot(pages[kind], tmp_path / f"{kind}.png", width)
        assert inked_share(shot) > 0.02, f"{kind} at {width} looks blank"
    printed = pdf(pages[kind], tmp_path / f"{kind}.pdf")
    assert printed.read_bytes().startswith(b"%PDF")
    assert pdf_pages(printed) >= 1


@browser
def test_blank_page_is_seen_as_blank(tmp_path: Path) -> None:
    """The control: a page without content is caught by the check above."""
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    assert inked_share(screenshot(blank, tmp_path / "blank.png", "640,1000")) == 0.0
