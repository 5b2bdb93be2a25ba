"""The "why" attached to every result: citations, rules, findings and validations.

* A :class:`Citation` points at a source document (by its id in :mod:`casereview.sources`) and a
  section heading, optionally quoting the sentence, and says how sure we are
  (:class:`Provenance`): ``stated`` in the source, from a ``secondary`` public source, or
  ``inferred`` by us.
* A :class:`Rule` is a stable id plus its citation; rulebooks declare their rules once and use
  them to make findings.
* A :class:`Finding` is one observation about a record (``code`` is the rule id, ``field`` the
  part of the record it is about).
* A :class:`Validation` is the frozen result of a ``validate_*`` function: ``ok`` is true when no
  finding has error severity.

All are frozen, hashable and serialise to JSON with pydantic:

>>> rule = Rule(
...     id="example.summary-required",
...     title="A summary is required",
...     citation=Citation(source="cims-case-review-tip-sheet", section="Content of a Case Review"),
... )
>>> result = Validation(findings=(rule.finding("No summary.", field="incident_summary"),))
>>> result.ok
False
>>> result.findings[0].code, result.findings[0].field
('example.summary-required', 'incident_summary')
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field, computed_field

from casereview._base import FrozenModel
from casereview._input import MAX_ITEMS, items
from casereview._labels import LabelEnum

__all__ = [
    "Citation",
    "Finding",
    "Provenance",
    "Rule",
    "Severity",
    "Validation",
    "citations_of",
    "errors_of",
]

# The first segment is the rulebook's package name, which may hold underscores (``kentucky_cqi``);
# the rest is lowercase words joined by dots and hyphens.
_RULE_ID_PATTERN = r"^[a-z0-9]+(?:_[a-z0-9]+)*(?:[.-][a-z0-9]+)*$"


class Provenance(LabelEnum):
    """How sure a citation is."""

    STATED = "stated"
    """The source document says it."""
    SECONDARY = "secondary"
    """Another public source says it; it is not in the seed document."""
    INFERRED = "inferred"
    """Our reconstruction; the reasoning is given with the rule."""


class Severity(LabelEnum):
    """How much a finding matters: only ``error`` makes a validation fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Citation(FrozenModel):
    """Where a rule comes from.

    ``source`` is an id from :data:`casereview.sources.SOURCES`; ``section`` the heading in that
    source; ``quote`` the sentence implemented, verbatim, when there is one; ``note`` the
    reasoning for an inferred rule.
    """

    source: str = Field(min_length=1)
    section: str = Field(min_length=1)
    quote: str | None = None
    provenance: Provenance = Provenance.STATED
    note: str | None = None

    def __str__(self) -> str:
        return f"{self.source}, '{self.section}' ({self.provenance.value})"


class Rule(FrozenModel):
    """A rule with a stable id and the citation it implements."""

    id: str = Field(pattern=_RULE_ID_PATTERN)
    title: str = Field(min_length=1)
    citation: Citation

    def finding(
        self,
        message: str,
        *,
        field: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        """Make a finding of this rule about ``field``."""
        return Finding(
            code=self.id, field=field, message=message, severity=severity, citation=self.citation
        )


class Finding(FrozenModel):
    """One observation about a record: which rule, which field, what, how serious, and why."""

    code: str = Field(pattern=_RULE_ID_PATTERN)
    field: str | None = None
    message: str = Field(min_length=1)
    severity: Severity = Severity.ERROR
    citation: Citation | None = None

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"[{self.severity.value}] {where}{self.message} ({self.code})"


class Validation(FrozenModel):
    """The result of a ``validate_*`` function.

    ``ok`` is true when no finding has error severity; warnings and infos do not fail it.
    """

    findings: tuple[Finding, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """No finding of error severity."""
        return not errors_of(self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of error severity."""
        return errors_of(self.findings)

    @property
    def codes(self) -> frozenset[str]:
        """The rule ids that produced findings."""
        return frozenset(f.code for f in self.findings)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations behind the findings, in order of first appearance."""
        return citations_of(self.findings)

    @classmethod
    def of(cls, *groups: Iterable[Finding]) -> Validation:
        """Collect findings from several checks into one validation.

        Each group is a list of findings (read lazily, at most
        :data:`~casereview._input.MAX_ITEMS` in all).

        >>> Validation.of((), []).ok
        True
        >>> Validation.of(None)
        Traceback (most recent call last):
        ...
        casereview.errors.CaseReviewError: groups[0]: expected a list, got NoneType None
        """
        findings: list[Finding] = []
        for i, group in enumerate(groups):
            findings.extend(items(group, field=f"groups[{i}]", limit=MAX_ITEMS - len(findings)))
        return cls(findings=tuple(findings))


def errors_of(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings of error severity: what makes any result with findings not ``ok``.

    Results that carry findings beside other fields (a pull's status, a substitution decision)
    use this and :func:`citations_of`, so "ok" and "why" mean the same everywhere.
    """
    return tuple(f for f in findings if f.severity is Severity.ERROR)


def citations_of(findings: Iterable[Finding]) -> tuple[Citation, ...]:
    """The distinct citations behind ``findings``, in order of first appearance."""
    return tuple(dict.fromkeys(f.citation for f in findings if f.citation is not None))
