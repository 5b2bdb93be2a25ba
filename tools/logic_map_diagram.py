"""The ISR logic map drawn from :meth:`casereview.vhims.LogicMap.default`: SVG and Mermaid.

The SVG is laid out here, in Python, so the page shows the diagram with no JavaScript and no
network (a reader offline, or a site behind a firewall, still sees it). The Mermaid text of the
same tree is shown beside it for readers who want to paste it into their own tools.

Columns are the three elements and the ISR; each path of the map is a row ending in its ISR. A
cell the guidance states is drawn with a solid, thick border; an inferred one dashed, with the
word "inferred"; a key below the paths says so inside the image. The text is 16 units high and
the SVG is drawn at its natural size (1 unit = 1 CSS pixel): on a narrow screen the page scrolls
it sideways rather than shrinking the text.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casereview.vhims import LogicMap

__all__ = ["logic_map_mermaid", "logic_map_svg"]

_COLUMNS = ("Level of harm", "Duration of harm", "Level of treatment/care", "ISR")
_FONT = 16
_CHAR = 0.56 * _FONT  # a generous average advance of a sans-serif character
_GAP = 40
_BOX_HEIGHT = 32
_ROW = 44
_TOP = 44


def _default() -> LogicMap:
    from casereview.vhims import LogicMap

    return LogicMap.default()


def _paths(logic_map: LogicMap) -> list[tuple[tuple[str, ...], str, str]]:
    """Each row as (its element values, the ISR label, the provenance)."""
    out = []
    for row in logic_map:
        values = tuple(e.value for e in (row.harm, row.duration, row.treatment) if e is not None)
        out.append((values, f"ISR {row.isr.value}", row.provenance.value))
    return out


def logic_map_svg(logic_map: LogicMap | None = None) -> str:
    """The map as one SVG element (no blank lines, so Markdown passes it through as HTML)."""
    rows = _paths(_default() if logic_map is None else logic_map)
    elements = [label for values, _, _ in rows for label in values]
    leaves = [f"{isr} ({p})" for _, isr, p in rows]
    box_width = int(max(len(label) for label in (*elements, *_COLUMNS[:-1])) * _CHAR) + 20
    leaf_width = int(max(len(label) for label in leaves) * _CHAR) + 20
    col_width = box_width + _GAP
    key_top = _TOP + _ROW * len(rows) + 12
    width = col_width * (len(_COLUMNS) - 1) + leaf_width + 20
    height = key_top + _ROW + 8
    parts = [
        f'<svg class="logic-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" style="max-width:none" role="img" '
        'aria-label="The default clinical ISR logic map" '
        f'font-family="sans-serif" font-size="{_FONT}">',
        "<title>The default clinical ISR logic map</title>",
    ]
    for col, title in enumerate(_COLUMNS):
        parts.append(
            f'<text x="{col * col_width + 10}" y="24" font-weight="bold" '
            f'fill="currentColor">{escape(title)}</text>'
        )
    # A node per distinct prefix of a path, placed at the middle of the rows below it.
    spans: dict[tuple[str, ...], list[int]] = {}
    for i, (values, _, _) in enumerate(rows):
        for depth in range(1, len(values) + 1):
            spans.setdefault(values[:depth], []).append(i)

    def centre(prefix: tuple[str, ...]) -> float:
        below = spans[prefix]
        return _TOP + _ROW * (below[0] + below[-1]) / 2 + _BOX_HEIGHT / 2

    def box(col: int, y_mid: float, label: str, extra: str = "", x: float | None = None) -> None:
        x = col * col_width + 10 if x is None else x
        y = y_mid - _BOX_HEIGHT / 2
        w = leaf_width if col == len(_COLUMNS) - 1 else box_width
        parts.append(
            f'<rect x="{x}" y="{y:.1f}" width="{w}" height="{_BOX_HEIGHT}" rx="5" '
            f'fill="none" stroke="currentColor" {extra}/>'
        )
        parts.append(
            f'<text x="{x + 8}" y="{y_mid + 5.5:.1f}" fill="currentColor">{escape(label)}</text>'
        )

    def edge(col_from: int, y_from: float, col_to: int, y_to: float) -> None:
        x1 = col_from * col_width + 10 + box_width
        x2 = col_to * col_width + 10
        parts.append(
            f'<path d="M{x1} {y_from:.1f} C{x1 + 15} {y_from:.1f} {x2 - 15} {y_to:.1f} {x2} '
            f'{y_to:.1f}" fill="none" stroke="currentColor" stroke-opacity="0.5"/>'
        )

    for prefix in spans:
        depth = len(prefix) - 1
        box(depth, centre(prefix), prefix[-1])
        if depth:
            edge(depth - 1, centre(prefix[:-1]), depth, centre(prefix))
    last = len(_COLUMNS) - 1
    for i, (values, isr, provenance) in enumerate(rows):
        y_mid = _TOP + _ROW * i + _BOX_HEIGHT / 2
        style = 'stroke-width="3"' if provenance == "stated" else 'stroke-dasharray="6 4"'
        box(last, y_mid, f"{isr} ({provenance})", style)
        edge(len(values) - 1, centre(values), last, y_mid)
    # The key, inside the image: the two border styles of the ISR cells.
    key_mid = key_top + _BOX_HEIGHT / 2
    parts.append(
        f'<text x="10" y="{key_mid + 5.5:.1f}" font-weight="bold" fill="currentColor">Key</text>'
    )
    box(0, key_mid, "stated by the guidance", 'stroke-width="3"', x=70)
    box(0, key_mid, "inferred by us", 'stroke-dasharray="6 4"', x=70 + col_width)
    parts.append("</svg>")
    return "".join(parts)


def logic_map_mermaid(logic_map: LogicMap | None = None) -> str:
    """The map as a Mermaid flowchart; each ISR leaf is classed by its provenance."""
    lines = ["flowchart LR", '  start(["Level of harm"])']
    nodes: dict[tuple[str, ...], str] = {}
    for i, (values, isr, provenance) in enumerate(
        _paths(_default() if logic_map is None else logic_map)
    ):
        parent = "start"
        for depth in range(1, len(values) + 1):
            prefix = values[:depth]
            if prefix not in nodes:
                nodes[prefix] = f"n{len(nodes)}"
                lines.append(f'  {nodes[prefix]}["{prefix[-1]}"]')
                lines.append(f"  {parent} --> {nodes[prefix]}")
            parent = nodes[prefix]
        lines.append(f'  c{i}{{{{"{isr} ({provenance})"}}}}:::{provenance}')
        lines.append(f"  {parent} --> c{i}")
    lines += [
        "  classDef stated stroke-width:3px",
        "  classDef secondary stroke-dasharray:2 2",
        "  classDef inferred stroke-dasharray:6 4",
    ]
    return "\n".join(lines) + "\n"
