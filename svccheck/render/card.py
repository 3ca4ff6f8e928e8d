"""What the interactive audit shows: one card per item, the help text, the rubric menu."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from svccheck.formats import evidence_text as evidence_input
from svccheck.model.audit import Answer
from svccheck.model.rubric import Item, Rubric, Section
from svccheck.render.common import bar, plural
from svccheck.render.shown import shown

# Lines of at most 79 characters: the help must not wrap on an 80-column terminal, where it
# shares the screen with the scoring rule, the item and the prompt.
HELP = """\
Type a score, a note if you like (3 waiting list), evidence after || (4 review
|| minutes 2026-03); without a note one is asked (Enter skips, - clears).{evidence}
  {low}..{high} score · n n/a (say why) · s skip · b back · j jump (j 12, j hire)
{keys}"""
KEYS = "  Enter keep [shown] · g levels · ? help · q quit (saved; run again to resume)"
# A rubric with criteria: c takes the place of ? (the help is on screen already), so that the help
# still fits 80x24 with the scoring rule, sampling and the item.
CRITERIA_KEYS = "  c criteria (c 2a+ 3b~) · Enter keep [shown] · g levels · q quit (saved)"
EVIDENCE_HELP = """
A score of {threshold}+ asks for evidence next (Enter: none; a date like 2026-03 last)."""


def describe_answer(answer: Answer | None) -> str:
    """An answer as shown in the prompt's brackets (and only there: the card does not repeat
    it)."""
    if answer is None or answer.score is None:
        return ""
    text = str(answer.score)
    if answer.note:
        text += f", note: {answer.note}"
    if answer.evidence is not None:
        text += f", evidence: {evidence_input.typed(answer.evidence)}"
    return text


def item_card(
    rubric: Rubric,
    position: int,
    section: Section,
    item: Item,
    *,
    guidance: bool = True,
) -> RenderableType:
    """The card for one item: progress, section, the evidence described for each level (or,
    without ``guidance``, a hint that ``g`` shows it), title, question and the scale labels.

    The question comes last, right above the prompt: on a small terminal the top of a card
    scrolls away first, and the question must stay in sight.
    """
    rubric, section, item = shown((rubric, section, item))
    total = rubric.item_count()
    section_number = rubric.sections.index(section) + 1
    progress = Text(
        f"Item {position + 1} of {total} · section {section_number} of {len(rubric.sections)}  ",
        style="dim",
    )
    progress.append_text(bar(100 * position / total, width=20))
    parts: list[RenderableType] = [
        Text(""),
        progress,
        Text(section.title, style="bold cyan"),
    ]
    if guidance:
        parts.append(Padding(levels(rubric, item), (0, 0, 0, 2)))
    parts += [_title(item), Padding(Text(item.question), (0, 0, 0, 2))]
    scale = rubric.scale
    labels = "  ".join(f"{p} {scale.label(p)}" for p in scale.points())
    hint = "" if guidance else "   (g: what each level looks like)"
    parts.append(Text(f"Scale: {labels}{hint}", style="dim"))
    return Group(*parts)


def _title(item: Item) -> Text:
    item = shown(item)
    title = Text(item.title, style="bold")
    title.append(f"  ({item.id})", style="dim")
    return title


def levels(rubric: Rubric, item: Item) -> Text:
    """What each scale point looks like for ``item``, one paragraph a level: a level with
    criteria shows its criteria, what the assessor checks (``rubrics show`` adds the picture),
    so that every level of the longest item fits 80x24."""
    rubric, item = shown((rubric, item))
    text = Text()
    for point, description in item.guidance.levels:
        text.append(f"{point} {rubric.scale.label(point)}: ", style="bold")
        criteria = item.criteria_at(point)
        if criteria:
            description = " ".join(f"☐ {criterion.text}" for criterion in criteria)
        text.append(description + "\n")
    text.rstrip()
    return text


def guidance(rubric: Rubric, item: Item) -> RenderableType:
    """What the key ``g`` shows: every level's guidance, headed by the item it belongs to."""
    return Group(
        Text(""), Text("What each level looks like:", style="bold cyan"), levels(rubric, item)
    )


def reminder(item: Item) -> RenderableType:
    """The item's title again under help or guidance, so that the prompt never stands alone;
    not its question, which would push the top of the help (the scoring rule and sampling fill
    the screen) off an 80x24 terminal."""
    return _title(item)


def help_text(rubric: Rubric) -> Text:
    """The key help for this rubric's scale, and its scoring rule."""
    threshold = rubric.evidence_from
    evidence = "" if threshold is None else EVIDENCE_HELP.format(threshold=threshold)
    criteria = any(item.criteria for _, item in rubric.items())
    keys = CRITERIA_KEYS if criteria else KEYS
    scale = rubric.scale
    text = Text(HELP.format(low=scale.min, high=scale.max, evidence=evidence, keys=keys))
    rule = scoring_rule(rubric)
    if rule is not None:
        text.append("\n")
        text.append_text(rule)
    return text


def scoring_rule(rubric: Rubric) -> Text | None:
    """How to choose a level and how samples are drawn, as the rubric says; ``None`` if it says
    nothing."""
    if not rubric.scoring_rule and not rubric.sampling:
        return None
    text = Text()
    for heading, rule in (("Scoring rule", shown(rubric).scoring_rule),
                          ("Sampling", shown(rubric).sampling)):  # fmt: skip
        if rule:
            text.append(f"{heading}: ", style="bold")
            text.append(rule + "\n")
    text.rstrip()
    return text


def rubric_menu(rubrics: Sequence[Rubric]) -> Text:
    """A numbered list of rubrics to pick from."""
    text = Text("Available rubrics:\n", style="bold")
    for number, rubric in enumerate(shown(tuple(rubrics)), 1):
        text.append(f"  {number}. {rubric.title} ({rubric.id}, ")
        text.append(f"{plural(rubric.item_count(), 'item')})\n")
    return text
