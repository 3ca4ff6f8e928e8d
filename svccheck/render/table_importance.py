"""Customer importance at the terminal in ``diff``: the items whose importance changed (``score``'s
importance is in its view model, :mod:`svccheck.render.view.importance`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text

if TYPE_CHECKING:
    from svccheck.engine.importance import ImportanceChange


def changes_view(changes: tuple[ImportanceChange, ...]) -> RenderableType:
    """``diff``: the items whose importance differs between the two audits."""
    changed = [change for change in changes if change.changed]
    if not changed:
        return Text("Importance: unchanged.")
    text = Text(f"Importance changed ({len(changed)}):", style="bold")
    for change in changed:
        old = "–" if change.old is None else str(change.old)
        new = "–" if change.new is None else str(change.new)
        text.append(f"\n  {change.id}: {old} → {new}")
    return text
