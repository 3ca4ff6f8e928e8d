"""The HTML reports: every report kind renders, escapes by construction, fetches nothing, and a
real browser (headless Chromium) shows it on screen and prints it.

The browser tests skip only when Chromium is absent; CI installs it (``.ci/run``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from tests.browser import CHROMIUM, inked_share, layout, pdf, pdf_pages, screenshot
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


# Charts as a browser lays them out (tests/measure.js): at a desktop window and at a phone's (a
# headless window is never narrower than 500 pixels), over the examples and over pages that
# stretch the labels: the complete rubric's sections (up to 40 characters; its title has a
# colon), units named Hamburg, München and a 42-character one.
WIDTHS = ("1200,1600", "390,1600")


def stretching_audits(folder: Path) -> dict[str, Path]:
    """Audits of service-excellence for four units, and two quarters of Hamburg."""
    from svccheck.formats.rubric import loading as rubric_files

    items = [item.id for _, item in rubric_files.load("service-excellence").items()]
    written = {}
    units = (
        ("Hamburg", "2026-Q3", 2),
        ("München", "2026-Q3", 4),
        ("Frankfurt am Main", "2026-Q3", 3),
        ("Customer Care Operations North-East Region", "2026-Q3", 1),
        ("Hamburg", "2026-Q2", 3),
    )
    for number, (unit, period, step) in enumerate(units):
        answers = "".join(f"  {item}: {1 + (i * step) % 5}\n" for i, item in enumerate(items))
        written[f"{unit} {period}"] = folder / f"audit-{number}.yaml"
        written[f"{unit} {period}"].write_text(
            f"svccheck: 2\nrubric: service-excellence\nperiod: {period}\nunit: {unit}\n"
            f"answers:\n{answers}",
            encoding="utf-8",
        )
    return written


@pytest.fixture(scope="module")
def stretched(tmp_path_factory: pytest.TempPathFactory, pages: dict[str, Path]) -> dict[str, Path]:
    """The examples' pages and pages whose labels are long, by name."""
    folder = tmp_path_factory.mktemp("stretched")
    audits = {name: str(path) for name, path in stretching_audits(folder).items()}
    hamburg = [audits["Hamburg 2026-Q2"], audits["Hamburg 2026-Q3"]]
    units = [path for name, path in audits.items() if name.endswith("Q3")]
    runner = CliRunner()
    found = dict(pages)
    for kind, arguments in {
        "long score": ["score", audits["Hamburg 2026-Q3"]],
        "long diff": ["diff", *hamburg],
        "long trend": ["trend", *hamburg],
        "long combine": ["combine", *units],
        "long plan": ["plan", audits["Hamburg 2026-Q3"]],
    }.items():
        found[kind] = folder / f"{kind.replace(' ', '-')}.html"
        found[kind].write_text(render(runner, arguments), encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def layouts(stretched: dict[str, Path]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every page laid out at every width, once."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    return {(name, size): layout(page, size) for name, page in stretched.items() for size in WIDTHS}


PAGES = [*KINDS, "long score", "long diff", "long trend", "long combine", "long plan"]


@browser
@pytest.mark.parametrize("name", PAGES)
def test_charts_are_as_wide_as_the_page(
    layouts: dict[tuple[str, str], dict[str, Any]], name: str
) -> None:
    """Bars, lines and the heat map span the text column, like the tables under them (they took
    half of it at 1200 pixels); only the importance-performance chart keeps its square."""
    for size in WIDTHS:
        measured = layouts[name, size]
        left, right = measured["column"]
        charts = [c for c in measured["charts"] if "importance and performance" not in c["title"]]
        assert charts, name
        for chart in charts:
            ink_left, _, ink_right, _ = chart["ink"]
            assert ink_right - ink_left >= 0.9 * (right - left), (size, chart["title"])
            assert ink_left >= left - 0.5, (size, chart["title"])
            assert ink_right <= right + 0.5, (size, chart["title"])


@browser
@pytest.mark.parametrize("name", PAGES)
def test_no_chart_label_is_cut_covered_or_overlapped(
    layouts: dict[tuple[str, str], dict[str, Any]], name: str
) -> None:
    """Every label of a chart is whole in the page (not cut by the chart's edge, the window or
    the text column: "Hamburg" in the heat map, a line's name in a trend), nothing is drawn over
    it (the target line across a bar's label, a heat-map cell over a unit's name) and it does
    not overlap another label (a level's name over the target's)."""
    for size in WIDTHS:
        measured = layouts[name, size]
        left, right = measured["column"]
        for chart in measured["charts"]:
            if "importance and performance" in chart["title"]:
                continue  # not a chart these points are about; its own layout is unchanged
            for label in chart["labels"]:
                where = (size, chart["title"], label["text"])
                box, clip = label["box"], label["clip"]
                assert box[0] >= max(clip[0], left) - 0.5, where
                assert box[2] <= min(clip[2], right) + 0.5, where
                assert label["covered"] == [], where
                assert label["overlaps"] == [], where


@browser
def test_a_long_unit_name_is_whole_in_the_heat_map(
    layouts: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """The control for the check above: the heat map names every unit, the longest shortened
    with an ellipsis, never cut by a cell."""
    (heat,) = [c for c in layouts["long combine", "1200,1600"]["charts"]
               if c["title"].startswith("Section scores by unit")]  # fmt: skip
    names = [label["text"] for label in heat["labels"]]
    assert {"Hamburg", "München", "Frankfurt am Main", "Mean"} <= set(names)
    assert "Customer Care Operations North-…" in names  # 42 characters cut to 32


@browser
def test_the_score_page_draws_its_sections_once(
    layouts: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """Bars only: a radar of the same sections said nothing the bars do not, less exactly."""
    for name in ("score", "long score"):
        charts = layouts[name, "1200,1600"]["charts"]
        assert [c["title"].endswith("section scores") for c in charts] == [True], name


def test_titles_say_one_colon_each(stretched: dict[str, Path]) -> None:
    """A rubric titled "Service excellence: the complete rubric" is not put after another colon
    ("Service audit: Service excellence: the complete rubric"), nor is a chart's title followed
    by one in its caption."""
    for name, path in stretched.items():
        html = path.read_text(encoding="utf-8")
        titles = re.findall(r"<(?:title|h1|h2)[^>]*>([^<]*)<", html)
        captions = [c.split(". ")[0] for c in re.findall(r"<figcaption>([^<]*)", html)]
        for text in [*titles, *captions]:
            assert text.count(": ") <= 1, (name, text)


def test_the_long_pages_name_the_rubric_after_a_dash(stretched: dict[str, Path]) -> None:
    html = stretched["long score"].read_text(encoding="utf-8")
    assert "<h1>Service audit — Service excellence: the complete rubric</h1>" in html
    trend = stretched["long trend"].read_text(encoding="utf-8")
    assert "<h1>Trend — Service excellence: the complete rubric (service-excellence)</h1>" in trend
