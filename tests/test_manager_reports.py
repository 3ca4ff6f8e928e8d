"""What a manager needs from a report: notes, answers with their labels, the gain explained, the
target, every item on request (issue 15, item 9)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from svccheck.cli.app import app

Q3 = str(Path(__file__).resolve().parent.parent / "examples" / "acme-2026-Q3.yaml")


def words(text: str) -> str:
    return " ".join(text.split())


def test_table_shows_labels_notes_and_the_legend(runner: CliRunner) -> None:
    shown = words(runner.invoke(app, ["score", Q3]).stdout)
    assert "hire-for-service · now 2 Ad hoc note: structured interview drafted, not yet used" in (
        shown
    )
    assert "+pts: how many points the overall score would gain if that item reached the " in shown
    assert "now 25.0%" not in shown


def test_markdown_shows_target_notes_and_the_legend(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["score", Q3, "-f", "md"]).stdout
    assert "- **Target:** 75.0%" in shown
    assert "(+2.5 pts, now 2 Ad hoc)" in shown
    assert "> Note: structured interview drafted, not yet used" in shown
    assert "_+pts: how many points the overall score would gain" in shown


def test_score_all_lists_every_item(runner: CliRunner) -> None:
    table = runner.invoke(app, ["score", Q3, "--all"]).stdout
    assert "Every item" in table
    (row,) = [line for line in table.splitlines() if line.startswith("│ Careful, continuous")]
    assert "│ 2 Ad hoc " in row
    markdown = runner.invoke(app, ["score", Q3, "--all", "-f", "markdown"]).stdout
    assert "## Every item" in markdown
    assert "| Careful, continuous hiring for service (hire-for-service) | 2 Ad hoc |" in markdown
    assert markdown.count("| People |") == 5 + 1  # five items, and the sections table


def test_help_explains_points(runner: CliRunner) -> None:
    shown = words(runner.invoke(app, ["score", "--help"], env={"COLUMNS": "200"}).stdout)
    assert "how many points the overall score would gain if that item reached the" in shown
    assert "svccheck score q4.yaml --all -o agenda.md" in shown


def test_format_names_aliases_and_extensions(runner: CliRunner, tmp_path: Path) -> None:
    for option in (["-f", "MD"], ["-f", "Markdown"], ["--format", "md"]):
        result = runner.invoke(app, ["score", Q3, *option])
        assert result.stdout.startswith("# Acme Support"), option
    for name, start in (
        ("r.md", "# Acme"),
        ("r.json", "{"),
        ("r.csv", "section,"),
        ("r.txt", "Org"),
    ):
        target = tmp_path / name
        assert runner.invoke(app, ["score", Q3, "-o", str(target)]).exit_code == 0
        assert target.read_text(encoding="utf-8-sig").startswith(start), name


def test_diff_states_items_in_steps_and_labels(runner: CliRunner) -> None:
    q2 = Q3.replace("Q3", "Q2")
    markdown = runner.invoke(app, ["diff", q2, Q3, "-f", "md"]).stdout
    assert "(compelling-vision): 2 Ad hoc → 4 Managed (+2 steps)" in markdown
    assert "- **Overall:** 31.2 → 42.5 (+11.2 pts)" in markdown  # points for the overall only
    table = runner.invoke(app, ["diff", q2, Q3]).stdout
    (row,) = [line for line in table.splitlines() if "A service vision staff" in line]
    assert "2 Ad hoc → 4 Managed" in row
    assert row.rstrip(" │").endswith("▲ +2 steps")


def test_weakest_ties_are_all_shown_and_numbered(runner: CliRunner) -> None:
    markdown = runner.invoke(app, ["score", Q3, "-f", "md"]).stdout
    assert (
        "1. Customer and organization (29.2)\n2. People (46.4)\n"
        "3. Leadership and direction (50.0)\n4. Process and performance (50.0)\n"
    ) in markdown
    table = words(runner.invoke(app, ["score", Q3]).stdout)
    assert "Leadership and direction (50.0), Process and performance (50.0)" in table


def test_one_item_is_singular(runner: CliRunner, mini_rubric: Path) -> None:
    path = mini_rubric.parent / "q.yaml"
    path.write_text("rubric: mini.yaml\nanswers:\n  greet: 3\n  resolve: 4\n")
    markdown = runner.invoke(app, ["score", str(path), "-f", "md"]).stdout
    assert "### 1 of 3 items unanswered (are left out of the scores)\n\n- Billing (billing)\n" in (
        markdown
    )


def test_csv_file_opens_in_spreadsheets_with_accents(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "a.yaml"
    source.write_text(Path(Q3).read_text().replace("Acme Support", "Société Générale"))
    source.write_text(
        source.read_text().replace("rubric: world-class-practices", "rubric: world-class-practices")
    )
    target = tmp_path / "r.csv"
    assert runner.invoke(app, ["score", str(source), "-o", str(target)]).exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfsection,")
    piped = runner.invoke(app, ["score", str(source), "-f", "csv"])
    assert piped.stdout.startswith("section,")  # no byte-order mark on standard output


def test_colour_legends(runner: CliRunner) -> None:
    shown = words(runner.invoke(app, ["score", Q3]).stdout)
    assert "Colours: green ≥ target (75.0%), yellow within 20 points, red below" in shown
    units = sorted(str(p) for p in (Path(Q3).parent / "units-2026-Q3").glob("*.yaml"))
    combined = words(runner.invoke(app, ["combine", *units]).stdout)
    assert "Colours: the level reached, Reactive · Emerging · Developing · Established" in combined
