"""The overview (core.overview) read from the store, and written as a terminal table or a Markdown
handout for the nämnd."""

from __future__ import annotations

from datetime import date

from rich.markup import escape

from tracker.core.overview import (
    Overview,
    build_overview,
    overview_cells,
    overview_headers,
    overview_measures,
    overview_notes,
)
from tracker.core.periods import Month, last_completed_month
from tracker.core.reporting import STATUS_LABELS, STATUS_SYMBOLS

REPORTING_HEADING = "Inrapportering"
NAME_MIN_WIDTH = 26


def read_overview(store, unit_key: str | None = None, month: Month | None = None, today: date | None = None) -> Overview:
    """The overview of a unit (default: the top of the tree) for a month (default: the last completed)."""
    unit = store.units.find_or_top(unit_key)
    month = month or last_completed_month(today or date.today())
    catalog = store.catalog_for(unit.code)
    reported = set(unit.measures) if unit.is_enhet else store.units.measures_under(unit.code)
    measures, key_rows = overview_measures(catalog, reported)
    scope = store.scope(unit.code, [month.year - 1, month.year], measures=[m.code for m in measures])
    status = store.reporting_status(month.year, unit.code)
    return build_overview(
        catalog, scope, unit, measures, month, status.grid, status.enheter, key_rows, store.demo_label
    )


def not_reported_lines(overview: Overview, symbols: bool = True) -> list[str]:
    """One line per enhet that has not reported the month: "◐ Placering: påbörjad"."""
    return [
        f"{STATUS_SYMBOLS[s] + ' ' if symbols else ''}{u.name}: {STATUS_LABELS[s].lower()}"
        for u, s in overview.not_reported
    ]


def render_table(overview: Overview, console) -> None:
    """Print the overview to a rich console: heading, the table, notes, and the reporting round."""
    from rich.table import Table

    if overview.caption:
        console.print(overview.caption, markup=False)
    table = Table(title=overview.heading, title_justify="left", header_style="bold", box=None, pad_edge=False)
    heads = overview_headers(overview)
    cells = [overview_cells(row) for row in overview.rows]
    for i, head in enumerate(heads):
        # only the name wraps, and it keeps a readable width
        table.add_column(head, justify="left" if i in (0, 3, 8, 10) else "right", no_wrap=i > 0,
                         min_width=NAME_MIN_WIDTH if i == 0 else None)
    for texts in cells:
        table.add_row(*texts)
    others = sum(max(len(t) for t in (head, *(texts[i] for texts in cells))) for i, head in enumerate(heads) if i)
    if NAME_MIN_WIDTH + others + 2 * (len(heads) - 1) <= console.width:
        console.print(table, soft_wrap=False)  # fitted to the width: the names wrap inside their column
    else:
        # eleven columns do not fit a narrow terminal: each row as a few lines instead
        console.print(f"[bold]{escape(overview.heading)}[/]")
        for texts in cells:
            for i, line in enumerate(row_lines(heads, texts)):
                console.print(f"[bold]{escape(line)}[/]" if i == 0 else f"  {escape(line)}")
    console.print(overview.compared + ".", markup=False)
    for note in overview_notes(overview):
        console.print(note, markup=False)
    if overview.reporting_line:
        console.print("")
        console.print(f"{REPORTING_HEADING} · {overview.reporting_line}", markup=False)
        for line in not_reported_lines(overview):
            console.print(f"  {line}", markup=False)


def row_lines(heads: list[str], cells: list[str]) -> list[str]:
    """A row for a narrow screen: the name, the month, the year to date, and the riktvärde."""
    kind = cells[3].lower()
    lines = [
        cells[0],
        f"{heads[1]}: {cells[1]} · {heads[2]}: {cells[2]}",
        f"{heads[4]}: {cells[4]} · {heads[5]}: {cells[5]} ({kind})",
    ]
    change = " · ".join(x for x in cells[6:9] if x)
    if change:
        lines.append(f"{heads[6]}: {change}")
    if cells[9]:
        lines.append(f"{heads[9]}: {cells[9]}" + (f" · {cells[10]}" if cells[10] else ""))
    return lines


def render_markdown(overview: Overview) -> str:
    """The overview as a Markdown handout: a heading with the unit and month, the table, the notes,
    and the enheter that have not reported."""
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    heads = overview_headers(overview)
    lines = [f"## {esc(overview.heading)}", ""]
    if overview.caption:
        lines += [f"*{esc(overview.caption)}*", ""]
    lines.append("| " + " | ".join(heads) + " |")
    lines.append("|" + "|".join(":---" if i in (0, 3, 8, 10) else "---:" for i in range(len(heads))) + "|")
    for row in overview.rows:
        lines.append("| " + " | ".join(esc(t) for t in overview_cells(row)) + " |")
    lines += ["", esc(overview.compared) + "."]
    notes = overview_notes(overview)
    if notes:
        lines += [""] + [f"- {esc(n)}" for n in notes]
    if overview.reporting_line:
        lines += ["", f"### {REPORTING_HEADING} {overview.month.label()}", "", esc(overview.reporting_line)]
        missing = not_reported_lines(overview, symbols=False)  # a list item needs no symbol before the word
        if missing:
            lines += [""] + [f"- {esc(line)}" for line in missing]
    return "\n".join(lines) + "\n"
