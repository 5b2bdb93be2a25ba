"""A Griffe extension for the API reference: docstring examples as code, Sphinx roles as code.

The docstrings are written for doctest and for readers of the source: ``>>>`` examples sit in
the prose, and names are marked with Sphinx roles (``:class:`LogicMap```). Rendered as Markdown,
an example's output such as ``['a'][0]`` would read as a link. So, before mkdocstrings renders a
docstring, each run of ``>>>`` lines (with its output, up to a blank line) is fenced as
``pycon`` code and each role is reduced to the code it marks. Configured in ``mkdocs.yml``.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

__all__ = ["DoctestFences", "fence_doctests"]

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|data|attr|exc|obj|const):`~?([^`]+)`")


def fence_doctests(text: str) -> str:
    r"""Fence every run of doctest lines in ``text`` and turn Sphinx roles into code.

    >>> fence_doctests("Say :class:`~a.B`.\n\n>>> 1\n1\n\nDone.").splitlines()
    ['Say `B`.', '', '```pycon', '>>> 1', '1', '```', '', 'Done.']
    """
    text = _ROLE.sub(_role, text)
    out: list[str] = []
    inside: str | None = None  # the indentation of the open doctest fence
    in_fence = False
    for line in text.splitlines():
        stripped = line.lstrip()
        if inside is None and stripped.startswith("```"):
            in_fence = not in_fence
        if not in_fence and inside is None and stripped.startswith(">>>"):
            inside = line[: len(line) - len(stripped)]
            out.append(f"{inside}```pycon")
        elif inside is not None and not stripped:
            out.append(f"{inside}```")
            inside = None
        out.append(line)
    if inside is not None:
        out.append(f"{inside}```")
    return "\n".join(out)


def _role(match: re.Match[str]) -> str:
    name = match.group(1)
    return f"`{name.rsplit('.', 1)[-1]}`" if "~" in match.group(0) else f"`{name}`"


class DoctestFences(griffe.Extension):
    """Apply :func:`fence_doctests` to every docstring once the object tree is built."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite ``obj``'s docstring in place."""
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
