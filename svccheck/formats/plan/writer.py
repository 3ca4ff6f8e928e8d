"""Writing plan files: block YAML people edit, every value on one line that reads back unchanged."""

from __future__ import annotations

from svccheck.core.errors import UsageError
from svccheck.engine.planning import Phase, Plan, PlannedItem
from svccheck.formats.audit.writer import _one_line, flow_value, within_size_cap
from svccheck.model.rubric import Rubric

HEADER = (
    "# svccheck improvement plan. Edit owner, due (2026-12-15), status (planned, doing, done or",
    "# dropped) and note; delete an item to drop it. Check the file: svccheck validate FILE",
)


def _number(value: float | None) -> str:
    """A percent as people read it: rounded to 2 decimals, a whole number without ``.0``."""
    if value is None:
        return ""
    shown = round(value, 2)
    return str(int(shown)) if shown == int(shown) else str(shown)


def _line(indent: str, key: str, value: object) -> str:
    """``key: value`` with the value written to read back as itself; nothing for ``None``."""
    return f"{indent}{key}: {flow_value(value)}".rstrip()


def _item(item: PlannedItem, rubric: Rubric) -> list[str]:
    lines = [f"      - id: {item.id}"]
    lines.append(f"        from: {item.from_score}  # {_label(rubric, item.from_score)}")
    lines.append(f"        to: {item.to}  # {_label(rubric, item.to)}")
    lines.append("        actions:" if item.actions else "        actions: []")
    lines += [f"          - {flow_value(action)}" for action in item.actions]
    lines += [
        _line("        ", "owner", item.owner),
        _line("        ", "due", item.due),
        _line("        ", "status", item.status.value),
        _line("        ", "note", item.note),
    ]
    return lines


def _label(rubric: Rubric, score: int) -> str:
    """The scale label of a score, for a comment; a score off the scale has none."""
    scale = rubric.scale
    return _one_line(scale.label(score)) if scale.min <= score <= scale.max else "off the scale"


def _phase(phase: Phase, rubric: Rubric) -> list[str]:
    lines = [f"  - period: {flow_value(phase.period)}"]
    lines.append("    items:" if phase.items else "    items: []")
    for item in phase.items:
        lines += _item(item, rubric)
    lines.append(f"    projected_overall: {_number(phase.projected_overall)}".rstrip())
    lines.append(_line("    ", "projected_level", phase.projected_level))
    return lines


def _check_text(plan: Plan) -> None:
    """Refuse text no file can hold (lone surrogates from non-UTF-8 input) before writing."""
    texts = [plan.rubric, plan.organization, plan.unit]
    for item in plan.items():
        texts += [item.owner, item.note, *item.actions]
    for text in texts:
        if text is None:
            continue
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                f"{text!a}: is not text (input that was not UTF-8?); nothing was written"
            ) from None


def render_plan(plan: Plan, rubric: Rubric, name: str = "-") -> str:
    """The plan as YAML; ``name`` is where it goes, for the size-cap message."""
    _check_text(plan)
    lines = [
        *HEADER,
        "svccheck: 2",
        "kind: plan",
        _line("", "rubric", plan.rubric),
        _line("", "rubric_version", plan.rubric_version),
        _line("", "organization", plan.organization),
        _line("", "unit", plan.unit),
        "baseline:",
        f"  period: {flow_value(plan.baseline_period)}",
        f"  overall: {_number(plan.baseline_overall)}".rstrip(),
        f"target: {_number(plan.target)}",
        "phases:" if plan.phases else "phases: []",
    ]
    for phase in plan.phases:
        lines += _phase(phase, rubric)
    return within_size_cap("\n".join(lines) + "\n", name)
