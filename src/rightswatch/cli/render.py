"""Terminal rendering with rich. Article content is hostile: it is always put into ``Text`` objects,
never interpreted as rich markup."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rightswatch.records import Incident, Span
from rightswatch.store import IncidentDetail, IncidentRow, SearchHit, StatusCounts
from rightswatch.store.search import MARK_CLOSE, MARK_OPEN

__all__ = ["incidents_table", "incident_panel", "search_table", "status_table", "highlighted"]

_FIELD_STYLES = {
    "perpetrator": "bold red",
    "victim": "bold cyan",
    "place": "bold green",
    "time": "bold magenta",
}


def _t(value: object) -> Text:
    return Text("" if value is None else str(value))


def incidents_table(rows: list[IncidentRow]) -> Table:
    table = Table(title="Incidents", show_lines=False)
    for col in ("id", "date", "type", "perpetrator", "victims", "place", "conf."):
        table.add_column(col, overflow="fold")
    for r in rows:
        when = r.time_text or ""
        if r.year:
            when = f"{r.year}" + (f"-{r.month:02d}" if r.month else "") + (f"-{r.day:02d}" if r.day else "")
        perp = r.perpetrator_text or ""
        if r.perpetrator_type:
            perp += f" ({r.perpetrator_type}{', ' + r.perpetrator_country if r.perpetrator_country else ''})"
        table.add_row(_t(r.id), _t(when), _t(r.type), _t(perp), _t(r.victims), _t(r.place), _t(f"{r.confidence:.2f}"))
    return table


def highlighted(text: str, sentence: Span, marks: list[tuple[Span, str]]) -> Text:
    """The evidence sentence with each field's span inside it styled."""
    out = Text(text[sentence.start : sentence.end])
    for span, style in marks:
        s, e = max(span.start, sentence.start), min(span.end, sentence.end)
        if s < e:
            out.stylize(style, s - sentence.start, e - sentence.start)
    return out


def _field_marks(incident: Incident) -> list[tuple[Span, str]]:
    marks: list[tuple[Span, str]] = []
    if incident.perpetrator and incident.perpetrator.span:
        marks.append((incident.perpetrator.span, _FIELD_STYLES["perpetrator"]))
    for v in incident.victims:
        if v.span:
            marks.append((v.span, _FIELD_STYLES["victim"]))
    if incident.place and incident.place.span:
        marks.append((incident.place.span, _FIELD_STYLES["place"]))
    if incident.time and incident.time.span:
        marks.append((incident.time.span, _FIELD_STYLES["time"]))
    return marks


def incident_panel(console: Console, detail: IncidentDetail) -> None:
    inc, art = detail.incident, detail.article
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("incident", _t(f"#{detail.row.id}  {inc.type}  (confidence {inc.confidence:.2f})"))
    if inc.perpetrator:
        p = inc.perpetrator
        grid.add_row("perpetrator", Text(f"{p.text}", style=_FIELD_STYLES["perpetrator"]) + _t(f"  [{p.type}, {p.country or '?'}]"))
    for v in inc.victims:
        extra = ", ".join(x for x in (v.population, f"count {v.count}" if v.count else "", v.sex if v.sex != "unknown" else "", v.age_group if v.age_group != "unknown" else "", f"name {v.name}" if v.name else "") if x)
        grid.add_row("victim", Text(v.text, style=_FIELD_STYLES["victim"]) + _t(f"  [{extra}]"))
    if inc.place:
        pl = inc.place
        where = ", ".join(x for x in (pl.city, pl.region, pl.country) if x)
        grid.add_row("place", Text(pl.text, style=_FIELD_STYLES["place"]) + _t(f"  [{where}]"))
    if inc.time:
        tm = inc.time
        when = f"{tm.granularity}: {tm.start}..{tm.end}" if tm.start else tm.granularity
        grid.add_row("time", Text(tm.text, style=_FIELD_STYLES["time"]) + _t(f"  [{when}]"))
    grid.add_row("article", _t(f"{art.title or '(untitled)'} — {art.outlet or '?'}, {art.published or 'date unknown'}"))
    if art.url:
        grid.add_row("url", _t(art.url))
    grid.add_row("source", _t(f"{detail.document_origin}  sha256 {detail.document_sha256[:16]}…"))
    console.print(grid)
    console.print(Text("\nevidence", style="bold underline"))
    marks = _field_marks(inc)
    for ev in inc.evidence:
        line = Text(f"[{ev.start}:{ev.end}] ", style="dim") + highlighted(art.text, ev, marks + [(ev, "on grey15")])
        console.print(line)
        console.print()


def search_table(hits: list[SearchHit]) -> Table:
    table = Table(title="Search results")
    for col in ("article", "title", "outlet", "published", "snippet"):
        table.add_column(col, overflow="fold")
    for h in hits:
        snippet = Text()
        rest = h.snippet
        while MARK_OPEN in rest:
            before, _, after = rest.partition(MARK_OPEN)
            hit, _, rest = after.partition(MARK_CLOSE)
            snippet.append(before)
            snippet.append(hit, style="bold yellow")
        snippet.append(rest)
        table.add_row(_t(h.article_id), _t(h.title), _t(h.outlet), _t(h.published), snippet)
    return table


def status_table(s: StatusCounts) -> Table:
    table = Table(title="Database status", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for name in ("documents", "articles", "incidents", "quotes", "failures"):
        table.add_row(name, str(getattr(s, name)))
    for reason, n in sorted(s.failures_by_reason.items()):
        table.add_row(Text(f"  failed: {reason}"), str(n))
    for label, n in sorted(s.incidents_by_type.items()):
        table.add_row(Text(f"  incidents: {label}"), str(n))
    return table
