"""The Volymutveckling table as Markdown, notes under it."""

from __future__ import annotations

from tracker.io.report import Report, heading, row_texts


def _esc(text: str) -> str:
    return text.replace("|", "\\|")


def render(report: Report) -> str:
    """The table as Markdown, notes under it."""
    lines = [f"## {heading(report)}", ""]
    lines.append("| " + " | ".join(report.headers) + " |")
    lines.append("|" + "|".join([":---"] + ["---:"] * (len(report.headers) - 1)) + "|")
    for i in range(len(report.rows)):
        lines.append("| " + " | ".join(_esc(t) for t in row_texts(report, i)) + " |")
    notes = report.notes()
    if notes:
        lines.append("")
        lines.extend(f"- {_esc(n)}" for n in notes)
    return "\n".join(lines) + "\n"
