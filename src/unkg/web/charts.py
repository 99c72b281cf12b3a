"""Stage `web`: small charts drawn on the server as inline SVG: no script, no network.

Each chart is a <figure> holding an SVG with role="img", a <title> and a
<desc> in the page's language, and the same figures as a table (the
alternative for screen readers and for copying).  Right-to-left pages draw the
bars from the right.
"""
from __future__ import annotations

from markupsafe import Markup, escape

COLOURS = {"yes": "#2e7d32", "no": "#c62828", "abstain": "#9e9e9e"}
DEFAULT_COLOUR = "#00558c"


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], t: dict, rtl: bool = False,
              colours: dict[str, str] | None = None, keys: list[str] | None = None) -> Markup:
    """A vertical bar chart of (label, value) rows; `keys` name each row's colour in `colours`."""
    slot = min(120, max(44, 7 * max([len(label) for label, _ in rows] + [0]) + 8))  # room for the longest label
    width, height, top, bottom = max(160, slot * len(rows) + 20), 140, 18, 28
    peak = max([v for _, v in rows] + [1])
    bar = 30
    slots = list(enumerate(rows))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
             f'<title id="{chart_id}-t">{escape(title)}</title>',
             f'<desc id="{chart_id}-d">{escape("; ".join(f"{label}: {value}" for label, value in rows))}</desc>',
             f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#999"/>']
    for i, (label, value) in slots:
        position = (len(rows) - 1 - i) if rtl else i
        x = 10 + position * slot + (slot - bar) / 2
        h = round((height - top - bottom) * value / peak)
        y = height - bottom - h
        colour = (colours or {}).get((keys or [None] * len(rows))[i], DEFAULT_COLOUR)
        parts.append(f'<rect x="{x}" y="{y}" width="{bar}" height="{h}" fill="{colour}">'
                     f'<title>{escape(label)}: {value}</title></rect>')
        parts.append(f'<text x="{x + bar / 2}" y="{y - 4}" text-anchor="middle" font-size="11">{value}</text>')
        parts.append(f'<text x="{x + bar / 2}" y="{height - bottom + 14}" text-anchor="middle" font-size="11">'
                     f'{escape(label)}</text>')
    parts.append("</svg>")
    table = [f'<table class="chart-data"><caption>{escape(t["chart_table"])}</caption>',
             f'<thead><tr><th scope="col"></th><th scope="col">{escape(t["count"])}</th></tr></thead><tbody>']
    table += [f'<tr><th scope="row">{escape(label)}</th><td>{value}</td></tr>' for label, value in rows]
    table.append("</tbody></table>")
    return Markup(f'<figure class="chart" id="{chart_id}"><figcaption>{escape(title)}</figcaption>'
                  + "".join(parts) + "<details><summary>" + str(escape(t["chart_table"])) + "</summary>"
                  + "".join(table) + "</details></figure>")
