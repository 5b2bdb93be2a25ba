"""Every CIMS quote is the source's text, character for character, under the section it names.

The policy (docs/cims.md, "Quotes are the source's characters"): a tip-sheet quote is a substring
of the raw seed text — no-break spaces and curly apostrophes included, nothing normalised — and
lies under the heading its citation names. A DFFH-pages quote is in the research note that
transcribes the pages, with only the note's line wrapping folded.
"""

from __future__ import annotations

import re

import pytest

from casereview.cims import RULES
from casereview.cims._rules import PAGES_2024, TIP_SHEET
from casereview.findings import Rule
from casereview.sources import SOURCES
from tests.helpers import ROOT, SEEDS_DIR

# The tip sheet's headings, in order (each is a line of its own in the seed).
HEADINGS = (
    "Introduction",
    "Definition and purpose of a CIMS Client Incident Review",
    "Different Client Incident Review Types",
    "Process for conducting a Case Review",
    "Content of a Case Review",
    "Client focus and collaborative practice",
    "Record management",
    "Resources",
)
REFERENCE_NOTE = ROOT.parent / "shared" / "reference" / "cims.md"

SEED_QUOTED = [r for r in RULES if r.citation.source == TIP_SHEET and r.citation.quote]
PAGES_QUOTED = [r for r in RULES if r.citation.source == PAGES_2024 and r.citation.quote]


def _raw_seed() -> str:
    location = SOURCES[TIP_SHEET].location
    assert location is not None
    path = SEEDS_DIR / location.removeprefix("seed ")
    if not path.exists():
        pytest.skip(f"seed documents not found at {SEEDS_DIR} (set CASEREVIEW_SEEDS_DIR)")
    return path.read_text(encoding="utf-8")


def _heading_positions(text: str) -> dict[str, int]:
    lines = text.splitlines(keepends=True)
    positions: dict[str, int] = {}
    offset = 0
    for line in lines:
        if line.strip() in HEADINGS and line.strip() not in positions:
            positions[line.strip()] = offset
        offset += len(line)
    return positions


def test_the_headings_are_the_seeds_in_order() -> None:
    positions = _heading_positions(_raw_seed())
    assert list(positions) == list(HEADINGS)
    assert sorted(positions.values()) == list(positions.values())


@pytest.mark.parametrize("rule", SEED_QUOTED, ids=lambda r: r.id)
def test_a_tip_sheet_quote_is_byte_verbatim_and_under_its_section(rule: Rule) -> None:
    text = _raw_seed()
    quote = rule.citation.quote
    assert quote is not None
    at = text.find(quote)
    assert at >= 0, f"{rule.id}: the quote is not the seed's text byte for byte"
    positions = _heading_positions(text)
    assert rule.citation.section in positions, f"{rule.id}: {rule.citation.section!r} is no heading"
    under = max((p, h) for h, p in positions.items() if p < at)[1]
    assert under == rule.citation.section, f"{rule.id}: the quote is under {under!r}"


def test_the_seed_characters_the_audit_named_are_kept() -> None:
    by_id = {r.id: r.citation.quote or "" for r in RULES}
    assert "21\u00a0business days" in by_id["cims.due-date.21-business-days"]
    assert "21\u00a0business days" in by_id["cims.review.on-time"]
    assert "client\u2019s Care Team" in by_id["cims.review.care-team"]


def _fold_wrapping(text: str) -> str:
    return re.sub(r"[ \t]*\n[ \t]*", " ", text)


@pytest.mark.parametrize("rule", PAGES_QUOTED, ids=lambda r: r.id)
def test_a_pages_quote_is_in_the_research_note(rule: Rule) -> None:
    if not REFERENCE_NOTE.exists():
        pytest.skip(f"research note not found at {REFERENCE_NOTE}")
    note = _fold_wrapping(REFERENCE_NOTE.read_text(encoding="utf-8"))
    assert rule.citation.quote is not None
    assert rule.citation.quote in note, rule.id


# --- where each citation points (audit defects 6, 8, 9) ----------------------------------------

BY_ID = {r.id: r for r in RULES}


def test_no_note_points_to_a_file_the_repository_does_not_have() -> None:
    # The research note is cited by its source id (ref-cims); docs/reference/*.md pages are
    # generated at docs build time, not files of the repository.
    for rule in RULES:
        for path in re.findall(r"\b(?:docs|src|tests)/[\w./-]+\.\w+", rule.citation.note or ""):
            assert (ROOT / path).exists(), f"{rule.id} points to {path}, which does not exist"


def test_the_9_december_2024_change_is_cited_from_the_dffh_pages() -> None:
    selection = BY_ID["cims.ruleset.by-submission-date"].citation
    assert selection.source == "cims-guide-2020"
    assert "cims.cims-2024.ruleset.cut-over" in (selection.note or "")
    assert "dffh-cims-2024-pages" in (selection.note or "")
    cut_over = BY_ID["cims.cims-2024.ruleset.cut-over"].citation
    assert cut_over.source == "dffh-cims-2024-pages"
    assert "9 December 2024" in (cut_over.quote or "")
    # Every ruleset choice rests on both, so every decision cites both.
    from datetime import date

    from casereview.cims import extension_decision, required_follow_up

    for decision in (
        required_follow_up("Major impact", "Death", submitted_on=date(2023, 1, 2)),
        extension_decision(submitted_on=date(2023, 1, 2)),
    ):
        assert selection in decision.citations
        assert cut_over in decision.citations


def test_the_opt_in_rule_covers_every_rule_it_carries_over() -> None:
    citation = BY_ID["cims.cims-2024.apply-2020-rules"].citation
    # not filed under one tip-sheet section: it is the research note's rule for the 2024 gaps
    assert citation.source == "ref-cims"
    assert (
        citation.section == "The 2024 regime: incidents submitted from 9 December 2024 (secondary)"
    )
    note = citation.note or ""
    for section in (
        "Different Client Incident Review Types",
        "Content of a Case Review",
        "Process for conducting a Case Review",
    ):
        assert section in note
    for use in ("due date", "extension", "minimum content", "combining", "volunteer"):
        assert use in note


def test_the_opt_in_rule_section_is_a_heading_of_the_research_note() -> None:
    if not REFERENCE_NOTE.exists():
        pytest.skip(f"research note not found at {REFERENCE_NOTE}")
    headings = {
        line.lstrip("#").strip()
        for line in REFERENCE_NOTE.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }
    for rule in RULES:
        if rule.citation.source == "ref-cims":
            assert rule.citation.section in headings, rule.id


def test_the_record_keeping_rule_cites_the_sentence_that_asks_for_the_action() -> None:
    citation = BY_ID["cims.review.record-keeping-action"].citation
    assert (citation.quote or "").startswith("the action plan should reflect an action on")
    assert citation.section == "Content of a Case Review"
