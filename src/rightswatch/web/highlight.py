"""Evidence marked in article text, safely.

The text is cut at every span boundary; each piece is escaped on its own and wrapped in
``<mark>`` when spans cover it. No piece of the article is ever interpreted as markup, whatever it
contains, and overlapping spans simply nest their labels onto one ``<mark>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Mark", "highlight", "excerpt"]


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # css class suffix: "evidence", "place", "time", "perpetrator", "victim", "quote"
    label: str = ""


def highlight(text: str, marks: Iterable[Mark]) -> Markup:
    n = len(text)
    spans = [Mark(max(0, min(m.start, n)), max(0, min(m.end, n)), m.kind, m.label) for m in marks]
    spans = [m for m in spans if m.end > m.start]
    cuts = sorted({0, n, *(m.start for m in spans), *(m.end for m in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        covering = [m for m in spans if m.start <= a and m.end >= b]
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in covering})
        labels = "; ".join(sorted({m.label for m in covering if m.label}))
        first = any(m.start == a and m.kind == "evidence" for m in covering)
        anchor = f' id="ev-{a}"' if first else ""
        classes = " ".join(f"hl-{k}" for k in kinds)
        out.append(f'<mark class="{classes}"{anchor} title="{escape(labels)}">{piece}</mark>')
    return Markup("".join(out))


def excerpt(text: str, start: int, end: int, context: int = 200) -> tuple[int, int]:
    """Bounds of a window around ``[start, end)`` for a short view of a long article."""
    return max(0, start - context), min(len(text), end + context)
