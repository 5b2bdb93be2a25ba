"""The docs site: it builds strictly, shows every catalogue rule, and its numbers are the code's.

The site is built once per session with MkDocs in strict mode (the same build as ``make docs``)
into a temporary directory; the checks read the HTML a reader gets. The generated pages are also
checked as Markdown (``tools.docs_pages``), and every ``python`` code block in the docs runs.
"""

from __future__ import annotations

import doctest
import html
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from casereview.catalogue import RULEBOOKS, catalogue
from casereview.findings import Provenance
from casereview.sources import SOURCES
from tests.helpers import ROOT

mkdocs = pytest.importorskip("mkdocs", reason="the docs extra is not installed (make test has it)")

from tools import docs_pages  # noqa: E402
from tools.griffe_doctest import fence_doctests  # noqa: E402


def _text(markup: str) -> str:
    """The visible text of HTML, whitespace collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _plain(text: str) -> str:
    """Markdown emphasis markers dropped, whitespace collapsed (as the quote reads rendered)."""
    text = " ".join(text.replace("**", "").replace("*", "").split())
    return re.sub(r"\s+(?=[.,;:!?)\u2019\u201d])|(?<=[(\u2018\u201c])\s+", "", text)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("site")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # third-party import-time notices
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(out), strict=True)
        build(config)  # strict: any warning (broken link, missing page, bad reference) aborts
    return out


def _page(site: Path, path: str) -> str:
    stem = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return (site / stem / "index.html").read_text(encoding="utf-8")


def test_strict_build_has_every_generated_page(site: Path) -> None:
    for path in docs_pages.pages():
        assert _page(site, path)
    for page in ("getting-started.md", "provenance.md", "changelog.md", "api/catalogue.md"):
        assert _page(site, page)


@pytest.mark.parametrize("book", RULEBOOKS)
def test_every_catalogue_entry_appears_on_its_rule_page(site: Path, book: str) -> None:
    text = _text(_page(site, docs_pages.rule_page_path(book)))
    for e in catalogue(book):
        assert e.id in text, f"{e.id} is not on the {book} rule page"
        assert e.statement in text
        assert e.provenance.value in text
        if e.citation.quote:
            assert _plain(e.citation.quote) in _plain(text), f"{e.id}: quote missing"
        if e.provenance is Provenance.INFERRED:
            assert e.note is not None
            assert _plain(e.note) in _plain(text), f"{e.id}: reasoning missing"


def test_provenance_counts_in_the_docs_equal_the_catalogue(site: Path) -> None:
    page = _page(site, "provenance.md")
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    shown: dict[str, list[int]] = {}
    for row in rows:
        cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells:
            shown[cells[0]] = [int(c) for c in cells[1:]]
    titles = dict(zip(RULEBOOKS, list(shown)[: len(RULEBOOKS)], strict=True))
    for book in (*RULEBOOKS, None):
        entries = catalogue() if book is None else catalogue(book)
        counts = Counter(e.provenance for e in entries)
        expected = [counts[p] for p in Provenance] + [len(entries)]
        label = "all rulebooks" if book is None else titles[book]
        assert shown[label] == expected, f"{label}: docs {shown[label]} != catalogue {expected}"
    assert len(shown) == len(RULEBOOKS) + 1


def test_logic_map_diagram_is_the_default_map(site: Path) -> None:
    from casereview.vhims import LogicMap

    page = _page(site, "logic-map.md")
    svg = re.search(r'<svg class="logic-map".*?</svg>', page, flags=re.S)
    assert svg is not None, "no diagram on the logic-map page"
    default = LogicMap.default()
    leaves = re.findall(
        r'<rect [^>]*?(stroke-width="3"|stroke-dasharray="6 4")/>'
        r"<text [^>]*>ISR (\d) \((\w+)\)</text>",
        svg.group(0),
    )
    assert [(int(i), p) for _, i, p in leaves] == [
        (row.isr.value, row.provenance.value) for row in default
    ]
    for style, _, provenance in leaves:
        assert (style == 'stroke-width="3"') is (provenance == "stated")
    for row in default:  # every element value of every path is drawn
        for element in (row.harm, row.duration, row.treatment):
            if element is not None:
                assert f">{html.escape(element.value)}</text>" in svg.group(0)
    text = _text(page)
    for row in default:
        assert row.path in text
    mermaid = html.unescape(page)
    assert mermaid.count('(inferred)"}}:::inferred') == sum(
        row.provenance is Provenance.INFERRED for row in default
    )


def test_every_source_has_a_page_with_the_quotes_that_cite_it(site: Path) -> None:
    index = _text(_page(site, "reference/index.md"))
    for source in SOURCES.values():
        assert source.title in index
        text = _text(_page(site, docs_pages.source_page_path(source)))
        assert source.publisher in text
        for e in catalogue():
            if e.citation.source == source.id:
                assert e.id in text
                if e.citation.quote:
                    assert _plain(e.citation.quote) in _plain(text), f"{e.id} on {source.id}"


def test_secondary_sources_say_how_they_are_known_and_where(site: Path) -> None:
    from casereview.sources import SourceKind

    for source in SOURCES.values():
        if source.kind is not SourceKind.SECONDARY:
            continue
        assert source.known_via, f"{source.id}: how is this source known?"
        text = _text(_page(site, docs_pages.source_page_path(source)))
        assert f"known via {' '.join(source.known_via.split())}" in text, source.id
        assert f"address {source.location or 'not recorded'}" in text, source.id


def test_a_source_no_rule_cites_says_why_it_is_listed(site: Path) -> None:
    for source in SOURCES.values():
        if any(e.citation.source == source.id for e in catalogue()):
            continue
        text = _text(_page(site, docs_pages.source_page_path(source)))
        assert "Why it is listed: " in text, source.id


def test_home_and_rules_index_claim_a_quote_only_for_stated_rules(site: Path) -> None:
    for page in ("index.md", "rules/index.md"):
        text = _text(_page(site, page))
        assert "sentence of the source it implements" not in text, page
        for word in ("inferred", "secondary", "summar"):
            assert word in text, page


def test_logic_map_is_legible_and_keyed(site: Path) -> None:
    page = _page(site, "logic-map.md")
    svg = re.search(r'<svg class="logic-map"[^>]*>', page)
    assert svg is not None
    assert 'font-size="16"' in svg.group(0)
    assert 'width="100%"' not in svg.group(0)
    assert re.search(r'<div class="logic-map" style="overflow-x:auto">', page)
    assert ">stated by the guidance</text>" in page
    assert ">inferred by us</text>" in page


def test_nav_labels_are_unique() -> None:
    import yaml

    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["nav"]
    labels: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, dict):
                for label, target in item.items():
                    labels.append(label)
                    if isinstance(target, list):
                        walk(target)

    walk(nav)
    repeated = [label for label, n in Counter(labels).items() if n > 1]
    assert repeated == [], f"nav labels used twice: {repeated}"
    assert {"VHIMS rules", "VHIMS guide", "VHIMS API"} <= set(labels)


def test_no_external_fonts_or_scripts_at_build(site: Path) -> None:
    for page in site.rglob("*.html"):
        markup = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in markup, page
        assert not re.search(r'<script[^>]+src="https?://', markup), page
        assert 'class="mermaid"' not in markup, page  # would fetch Mermaid from a CDN


# --------------------------------------------------------------------------- code examples

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", flags=re.S | re.M)


def _markdown_sources() -> Iterator[tuple[str, str]]:
    for page in sorted((ROOT / "docs").rglob("*.md")):
        yield str(page.relative_to(ROOT)), page.read_text(encoding="utf-8")
    for path, text in docs_pages.pages().items():
        yield f"generated {path}", text
    yield "README.md", (ROOT / "README.md").read_text(encoding="utf-8")


def _python_blocks() -> list[tuple[str, str]]:
    return [
        (name, body)
        for name, text in _markdown_sources()
        for lang, body in _FENCE.findall(text)
        if lang in {"python", "py", "pycon"}
    ]


def test_every_python_block_is_a_doctest() -> None:
    """pytest's ``--doctest-glob=*.md`` runs the ``>>>`` lines of docs/; other lines are not."""
    blocks = _python_blocks()
    assert blocks
    unrun = [name for name, body in blocks if ">>>" not in body]
    assert unrun == [], f"python blocks that no test runs (write them as >>> examples): {unrun}"


@pytest.mark.parametrize("path", sorted(docs_pages.pages()))
def test_generated_page_examples_run(path: str) -> None:
    text = docs_pages.pages()[path]
    test = doctest.DocTestParser().get_doctest(text, {}, path, path, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0


def test_docstring_examples_are_fenced_for_the_reference() -> None:
    text = fence_doctests("See :func:`~casereview.vhims.derive_isr`:\n\n>>> 1\n1\n\nEnd.")
    assert text == "See `derive_isr`:\n\n```pycon\n>>> 1\n1\n```\n\nEnd."
    already = "```python\n>>> 1\n1\n```"
    assert fence_doctests(already) == already


@pytest.mark.parametrize(
    ("module", "page"),
    [
        ("vhims", "api/vhims.md"),
        ("cims", "api/cims.md"),
        ("kentucky_cqi", "api/kentucky-cqi.md"),
        ("under1roof", "api/under1roof.md"),
        ("catalogue", "api/catalogue.md"),
        ("findings", "api/core.md"),
        ("sources", "api/core.md"),
        ("calendar", "api/core.md"),
        ("errors", "api/core.md"),
    ],
)
def test_api_reference_documents_every_public_name(site: Path, module: str, page: str) -> None:
    import importlib

    names: list[str] = importlib.import_module(f"casereview.{module}").__all__
    markup = _page(site, page)
    missing = [n for n in names if f'id="casereview.{module}.{n}"' not in markup]
    assert missing == [], f"{page} has no reference entry for {missing}"
