"""What a person sees of ``svccheck audit`` on an 80x24 terminal, through a terminal emulator.

When the prompt appears the item's title, its question and the prompt are on screen; the
guidance for every level is one key away (``g``) when it does not fit beside them. Checked for
the longest item (the card with the most lines) of every built-in rubric.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections import Counter
from pathlib import Path

import pexpect
import pyte
import pytest
from rich.console import Console
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.cli.interactive import criteria as criteria_form
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model import rubric
from svccheck.model.rubric import Item, Rubric
from svccheck.render import card

# Property runs, subprocesses or real terminals, browsers and language servers: seconds.
pytestmark = pytest.mark.slow

ROWS, COLUMNS = 24, 80
PROMPT = r"q=quit[^\n]*: "


class Screen:
    """A pseudo-terminal running svccheck, and the 80x24 screen its output paints."""

    def __init__(
        self, arguments: list[str], cwd: Path, rows: int = ROWS, columns: int = COLUMNS
    ) -> None:
        env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": str(columns),
               "LINES": str(rows)}  # fmt: skip
        self.child = pexpect.spawn(
            sys.executable, ["-m", "svccheck", *arguments], cwd=str(cwd), env=env,
            encoding="utf-8", timeout=20, dimensions=(rows, columns),
        )  # fmt: skip
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def until(self, pattern: str) -> str:
        """Read until ``pattern``, paint it, and return the screen as one line of words."""
        self.child.expect(pattern)
        self.stream.feed(self.child.before + self.child.after)
        return self.text()

    def text(self) -> str:
        return words("\n".join(self.screen.display))

    def send(self, line: str) -> None:
        self.child.sendline(line)

    def close(self) -> None:
        self.child.sendline("q")
        self.child.expect(pexpect.EOF)
        self.child.close()


def words(text: str) -> str:
    return " ".join(text.split())


def longest_item(rubric_id: str) -> str:
    """The id of the item whose card takes the most lines at 80 columns."""
    loaded = rubric_files.load(rubric_id)
    console = Console(file=io.StringIO(), width=COLUMNS, color_system=None)

    def lines(entry: tuple[int, tuple[rubric.Section, rubric.Item]]) -> int:
        position, (section, item) = entry
        return len(console.render_lines(card.item_card(loaded, position, section, item)))

    _, (_, item) = max(enumerate(loaded.items()), key=lines)
    return item.id


def audit_open_at(folder: Path, rubric_id: str, item_id: str, note: str = "") -> Path:
    """An audit where every item but ``item_id`` is answered, so a session starts there."""
    path = folder / f"{rubric_id}.yaml"
    result = CliRunner().invoke(app, ["template", rubric_id, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    text = re.sub(r"(?m)^(  [a-z0-9-]+):$", r"\1: 3", path.read_text())
    answer = f"{{score: 2, note: {note}}}" if note else ""
    path.write_text(text.replace(f"  {item_id}: 3\n", f"  {item_id}: {answer}\n"))
    return path


BUILT_IN = [
    "service-excellence",
    "world-class-practices",
    "leadership-strategies",
    "service-value-chain",
    "customer-expectations",
    "service-culture",
]


def level_lines(loaded: Rubric, item: Item) -> list[str]:
    """Each level as the card shows it: its criteria to tick, or its description."""
    lines = []
    for point, description in item.guidance.levels:
        criteria = " ".join(f"☐ {criterion.text}" for criterion in item.criteria_at(point))
        lines.append(words(f"{point} {loaded.scale.label(point)}: {criteria or description}"))
    return lines


@pytest.mark.parametrize("rubric_id", BUILT_IN)
def test_longest_item_at_80x24(tmp_path: Path, rubric_id: str) -> None:
    item_id = longest_item(rubric_id)
    loaded = rubric_files.load(rubric_id)
    item = next(item for _, item in loaded.items() if item.id == item_id)
    path = audit_open_at(tmp_path, rubric_id, item_id)
    screen = Screen(["audit", "-o", path.name], tmp_path)
    shown = screen.until(PROMPT)
    assert words(item.title) in shown
    assert words(item.question) in shown
    # The levels are on the card when they fit, else one key away.
    assert ("g: what each level looks like" in shown) != all(
        line in shown for line in level_lines(loaded, item)
    )
    assert screen.screen.display[screen.screen.cursor.y].rstrip().endswith(":")  # the prompt
    screen.send("g")
    shown = screen.until(PROMPT)
    for line in level_lines(loaded, item):
        assert line in shown
    assert words(item.title) in shown
    screen.send("?")
    shown = screen.until(PROMPT)  # help does not push the item off the screen
    assert words(item.title) in shown  # its title under the help, not its question (282f78c)
    assert "Type a score, a note if you like" in shown  # the whole help, from its first line
    assert "j jump (j 12, j hire)" in shown
    assert "c criteria (c 2a+ 3b~) · Enter keep [shown] · g levels · q quit (saved)" in shown
    assert words(f"Scoring rule: {loaded.scoring_rule}") in shown
    assert words(f"Sampling: {loaded.sampling}") in shown
    screen.close()


def test_review_shows_the_current_answer_once(tmp_path: Path) -> None:
    first = next(item for _, item in rubric_files.load("service-culture").items())
    path = audit_open_at(tmp_path, "service-culture", first.id, note="weekly huddles")
    screen = Screen(["audit", "-o", path.name, "--review"], tmp_path)
    shown = screen.until(r"weekly huddles\]: ")
    assert shown.count("weekly huddles") == 1  # in the prompt's brackets only
    assert "[2, note: weekly huddles]:" in shown
    screen.send("")  # Enter keeps it; then back again with b
    screen.until(r"\[3\]: ")
    screen.send("b")
    shown = screen.until(r"weekly huddles\]: ")
    card = shown.rsplit("Item 1 of 15", 1)[1]  # the first visit's prompt may still be above
    assert card.count("weekly huddles") == 1
    screen.close()


def test_tall_terminal_shows_the_levels_directly(tmp_path: Path) -> None:
    loaded = rubric_files.load("service-culture")
    item_id = longest_item("service-culture")
    item = next(item for _, item in loaded.items() if item.id == item_id)
    path = audit_open_at(tmp_path, "service-culture", item_id)
    screen = Screen(["audit", "-o", path.name], tmp_path, rows=60, columns=120)
    shown = screen.until(PROMPT)
    for line in level_lines(loaded, item):
        assert line in shown
    assert "g: what each level looks like" not in shown
    screen.close()


def test_end_of_the_audit_fits_one_screen(tmp_path: Path) -> None:
    loaded = rubric_files.load("service-excellence")
    last = [item for _, item in loaded.items()][-1]
    path = audit_open_at(tmp_path, "service-excellence", last.id)
    path.write_text(path.read_text().replace(": 3\n", ": 2\n", 5))  # five weaker answers
    screen = Screen(["audit", "-o", path.name], tmp_path)
    screen.until(PROMPT)
    screen.send("4 done || review minutes 2026-09")  # evidence on the line: nothing more asked
    screen.child.expect(pexpect.EOF)
    screen.stream.feed(screen.child.before)
    shown = screen.text()
    assert "Audit complete" in shown
    assert re.search(r"Overall: \d+\.\d% level: \w+ coverage: 100% \(46 of 46\)", shown)
    assert "Weakest sections:" in shown
    assert "Top actions:" in shown
    assert f"Full report: svccheck score {path.name}" in shown
    assert f"Saved to {path.name}" in shown
    assert "Sections" not in shown.split("Audit complete")[1]  # no full report


def test_jump_to_an_item_and_the_help_fit_80x24(tmp_path: Path) -> None:
    loaded = rubric_files.load("service-excellence")
    items = [item for _, item in loaded.items()]
    last = audit_open_at(tmp_path, "service-excellence", items[-1].id)
    screen = Screen(["audit", "--from", last.name, "-o", "next.yaml"], tmp_path)
    assert "Item 1 of 46" in screen.until(PROMPT)
    for typed, number in (("j 40", 40), (f"j {items[6].id[:-1]}", 7)):
        screen.send(typed)
        shown = screen.until(PROMPT)
        assert f"Item {number} of 46" in shown
        assert words(items[number - 1].title) in shown
        assert words(items[number - 1].question) in shown
        assert screen.screen.display[screen.screen.cursor.y].rstrip().endswith(":")
    letter = Counter(item.id[0] for item in items).most_common(1)[0][0]
    screen.send("j")
    screen.until(r"Go to item \(1-46 or the start of its id\): ")
    screen.send(letter)
    shown = screen.until(PROMPT)
    count = sum(item.id.startswith(letter) for item in items)
    assert f"{count} ids start with '{letter}'" in shown
    assert words(items[6].title) in shown  # still at item 7
    screen.send("?")
    shown = screen.until(PROMPT)  # the whole help, from its first line, with the item below it
    assert "Type a score, a note if you like" in shown
    assert "j jump (j 12, j hire)" in shown
    assert words(items[6].title) in shown
    longest = max(range(len(items)), key=lambda index: len(items[index].title))
    screen.send(f"j {longest + 1}")
    screen.until(PROMPT)
    screen.send("?")
    shown = screen.until(PROMPT)  # the longest title too leaves the help's first line in sight
    assert "Type a score, a note if you like" in shown
    assert words(items[longest].title) in shown
    screen.send(f"j {7}")
    screen.until(PROMPT)
    screen.send("2 one step back")
    screen.until(PROMPT)
    screen.close()
    before = audit_files.load_audit(str(last)).audit.answer_map()
    after = audit_files.load_audit(str(tmp_path / "next.yaml")).audit.answer_map()
    changed = {item_id for item_id in after if after[item_id] != before.get(item_id)}
    assert changed == {items[6].id}
    assert (after[items[6].id].score, after[items[6].id].note) == (2, "one step back")


def most_criteria(rubric_id: str) -> Item:
    """The item whose criteria take the most lines at 80 columns under ``c``."""
    loaded = rubric_files.load(rubric_id)
    console = Console(file=io.StringIO(), width=COLUMNS, color_system=None)

    def lines(item: Item) -> int:
        return len(console.render_lines(criteria_form.panel(loaded, item, None)))

    return max((item for _, item in loaded.items()), key=lines)


@pytest.mark.parametrize("rubric_id", ["customer-expectations", "service-culture"])
def test_criteria_marked_and_a_level_proposed_at_80x24(tmp_path: Path, rubric_id: str) -> None:
    loaded = rubric_files.load(rubric_id)
    item = most_criteria(rubric_id)
    path = audit_open_at(tmp_path, rubric_id, item.id)
    screen = Screen(["audit", "-o", path.name], tmp_path)
    screen.until(PROMPT)
    screen.send("c")
    shown = screen.until(r"\(Enter goes back\): ")
    assert words(f"Criteria of {item.title} ({item.id}):") in shown
    for number, key in criteria_form.numbers(item).items():
        assert words(f"{number} {item.criterion_keys[key].described}") in shown
    assert "+ met · ~ partly met · - not met · ? looked for, never shown" in shown
    assert screen.screen.display[screen.screen.cursor.y].rstrip().endswith(":")  # the prompt
    screen.send("2a+ 3a+ 3b~")  # level 4 never shown
    shown = screen.until(r"another score and why: ")
    assert f"The criteria give 3 {loaded.scale.label(3)}; not 4:" in shown
    screen.send("4")  # not the level proposed: a reason is needed
    screen.until(r"Why 4 and not 3\? \(a note; Enter takes 3\): ")
    screen.send("the fourth-level papers were shown after the visit")
    screen.until(r"Enter: none[^\n]*: ")  # a 4 asks for its evidence
    screen.send("board minutes 2026-03")
    screen.child.expect(pexpect.EOF)  # every other item was answered: the audit is complete
    answer = audit_files.load_audit(str(path)).audit.answer_map()[item.id]
    assert (answer.score, answer.note) == (4, "the fourth-level papers were shown after the visit")
    marks = criteria_form.numbers(item)
    assert answer.criteria == (
        (marks["2a"], "met"),
        (marks["3a"], "met"),
        (marks["3b"], "partly"),
    )
