"""What the interactive audit shows: one card per item, the help text, the rubric menu."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from svccheck.audit import Answer
from svccheck.render.common import bar
from svccheck.render.sanitize import identifier
from svccheck.render.sanitize import prose as clean
from svccheck.rubric import Item, Rubric, Section

HELP = """\
Type a score and press Enter, then add a one-line note or just press Enter.
  {low}..{high}  score the item (see the guidance above)
  n      not applicable: left out of the scores (say why in the note)
  s      skip: leave the item as it is and go to the next one
  b      back to the previous item (its answer is shown and can be changed)
  Enter  keep the answer shown in [brackets]
  ?      this help
  q      save and quit; run the same command again to resume
Every answer is saved as soon as it is given."""


def describe_answer(answer: Answer | None) -> str:
    """An answer as shown in the prompt's brackets."""
    if answer is None or answer.score is None:
        return ""
    text = str(answer.score)
    return f"{text}, note: {answer.note}" if answer.note else text


def item_card(
    rubric: Rubric,
    position: int,
    section: Section,
    item: Item,
    current: Answer | None,
) -> RenderableType:
    """The card for one item: progress, section, question, the evidence described for each
    level and the scale labels (the scoring rule is shown once, and under ``?``)."""
    total = rubric.item_count()
    section_number = rubric.sections.index(section) + 1
    progress = Text(
        f"Item {position + 1} of {total} · section {section_number} of {len(rubric.sections)}  ",
        style="dim",
    )
    progress.append_text(bar(100 * position / total, width=20))
    heading = Text(clean(section.title), style="bold cyan")
    title = Text(clean(item.title), style="bold")
    title.append(f"  ({identifier(item.id)})", style="dim")
    scale = rubric.scale
    guidance = Text()
    for point, text in item.guidance.levels:
        guidance.append(f"{point} {clean(scale.label(point))}: ", style="bold")
        guidance.append(clean(text) + "\n")
    labels = "  ".join(f"{p} {clean(scale.label(p))}" for p in scale.points())
    # The question comes last, right above the prompt: on a small terminal the top of a card
    # with five described levels scrolls away, and the question must stay in sight.
    parts: list[RenderableType] = [
        Text(""),
        progress,
        heading,
        Padding(guidance, (0, 0, 0, 2)),
        title,
        Padding(Text(clean(item.question)), (0, 0, 0, 2)),
        Text(f"Scale: {labels}", style="dim"),
    ]
    if current is not None and current.score is not None:
        parts.append(Text(f"Current answer: {clean(describe_answer(current))}", style="yellow"))
    return Group(*parts)


def help_text(rubric: Rubric) -> Text:
    """The key help for this rubric's scale, and its scoring rule."""
    text = Text(HELP.format(low=rubric.scale.min, high=rubric.scale.max))
    rule = scoring_rule(rubric)
    if rule is not None:
        text.append("\n")
        text.append_text(rule)
    return text


def scoring_rule(rubric: Rubric) -> Text | None:
    """How to choose between two levels, as the rubric says; ``None`` if it says nothing."""
    if not rubric.scoring_rule:
        return None
    text = Text("Scoring rule: ", style="bold")
    text.append(clean(rubric.scoring_rule))
    return text


def rubric_menu(rubrics: Sequence[Rubric]) -> Text:
    """A numbered list of rubrics to pick from."""
    text = Text("Available rubrics:\n", style="bold")
    for number, rubric in enumerate(rubrics, 1):
        text.append(f"  {number}. {clean(rubric.title)} ({identifier(rubric.id)}, ")
        text.append(f"{rubric.item_count()} items)\n")
    return text
