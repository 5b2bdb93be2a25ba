"""Shorthand for the rulebook's rules: each cites the Kentucky CQI Case Review Instructions."""

from __future__ import annotations

from casereview.findings import Citation, Provenance, Rule

SOURCE = "kentucky-cqi-instructions"
"""The seed: "CQI Case Review Instructions" (Kentucky DCBS). The only authority for these rules."""


def stated(rule_id: str, title: str, *, section: str, quote: str) -> Rule:
    """A rule the seed states: ``quote`` is the sentence implemented, under ``section``."""
    return Rule(
        id=rule_id, title=title, citation=Citation(source=SOURCE, section=section, quote=quote)
    )


def inferred(
    rule_id: str, title: str, *, section: str, note: str, quote: str | None = None
) -> Rule:
    """Our reading where the seed is silent or ambiguous; ``note`` gives the reasoning."""
    return Rule(
        id=rule_id,
        title=title,
        citation=Citation(
            source=SOURCE, section=section, quote=quote, provenance=Provenance.INFERRED, note=note
        ),
    )
