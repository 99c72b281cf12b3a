"""Inline SVG charts: accessible (title, description, table of the figures), escaped, drawn right to left for RTL."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from unkg.web.charts import bar_chart

T = {"chart_table": "Данные диаграммы", "count": "Число"}
SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", str(markup), re.S).group(0))


def test_chart_has_a_title_a_description_and_a_table_of_its_figures():
    html = str(bar_chart("c1", "Совещания по годам", [("2030", 2), ("2031", 5)], T))
    svg = _svg(html)
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-t c1-d"
    assert svg.find(f"{SVG}title").text == "Совещания по годам" and svg.find(f"{SVG}desc").text == "2030: 2; 2031: 5"
    assert "<caption>Данные диаграммы</caption>" in html
    assert '<tr><th scope="row">2030</th><td>2</td></tr>' in html and '<tr><th scope="row">2031</th><td>5</td></tr>' in html


def test_bar_heights_follow_the_values():
    bars = _svg(bar_chart("c2", "t", [("a", 1), ("b", 4)], T)).findall(f"{SVG}rect")
    heights = [float(b.get("height")) for b in bars]
    assert abs(heights[1] - 4 * heights[0]) <= 2  # whole pixels


def test_right_to_left_pages_draw_the_first_bar_on_the_right():
    ltr = [float(b.get("x")) for b in _svg(bar_chart("c3", "t", [("a", 1), ("b", 2)], T)).findall(f"{SVG}rect")]
    rtl = [float(b.get("x")) for b in _svg(bar_chart("c3", "t", [("a", 1), ("b", 2)], T, rtl=True)).findall(f"{SVG}rect")]
    assert ltr[0] < ltr[1] and rtl[0] > rtl[1]


def test_labels_are_escaped():
    html = str(bar_chart("c4", "<script>x</script>", [("<b>", 1)], T))
    assert "<script>" not in html and "<b>" not in html and "&lt;script&gt;" in html


def test_colours_by_key():
    bars = _svg(bar_chart("c5", "t", [("yes", 3), ("no", 1)], T, colours={"yes": "#2e7d32", "no": "#c62828"},
                          keys=["yes", "no"])).findall(f"{SVG}rect")
    assert [b.get("fill") for b in bars] == ["#2e7d32", "#c62828"]
