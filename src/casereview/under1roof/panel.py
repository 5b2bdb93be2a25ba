"""Whether a review panel meets the seed: an independent chair, two other people, a scribe.

The seed ("Case review process", steps 2-4):

    Identify a person to independently chair the meeting (someone who has not been involved in
    the person's care and who is an experienced practitioner and facilitator)
    Involve at least two other experienced practitioners/managers who are independent of the
    situation
    Nominate a scribe

How the rules read the seed:

* **The chair** must be recorded as not involved in the person's care, experienced and a
  facilitator; a chair recorded as not independent also fails. Each shortfall is an error of its
  own; a fact left unrecorded (``None``) is reported apart, under ``panel.chair-unrecorded``.
* **The members** are counted: a member counts when recorded as experienced and independent and
  not recorded as involved in the person's care. A member who does not count is a *warning* (a
  stakeholder who is not independent may sit in the meeting); the *error* is a count below two.
* **People are counted once.** Names are compared with case and white space folded
  (:func:`same_person`). A member who is the chair does not count (the seed says two *other*);
  a person listed twice counts once (the first listing is the one assessed).
* **The scribe** is nominated by name. Our reading (inferred) is that the scribe is a separate
  person: a chair who is the scribe is a warning, and a member who is the scribe is not counted
  (a warning). Resting on our reading, this never fails a panel: when only the scribe's not
  counting leaves fewer than two, the shortfall is that warning, not an error.
  ``scribe_may_double=True`` (exactly ``True`` or ``False``) reads the seed the other way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casereview._base import validated
from casereview._input import option
from casereview._labels import normalise_label
from casereview.findings import Finding, Severity, Validation
from casereview.under1roof import _rules as r
from casereview.under1roof.models import Panel, PanelMember, same_person

__all__ = ["counted_members", "validate_panel"]

_WARN = Severity.WARNING


def validate_panel(
    panel: Panel | Mapping[str, Any], *, scribe_may_double: bool = False
) -> Validation:
    """Check ``panel`` against steps 2-4 of the seed; each shortfall is its own finding.

    ``panel`` is a :class:`Panel` or a mapping of its fields (validated by pydantic); anything
    else raises :class:`~casereview.errors.CaseReviewError` naming ``panel``.

    Fields name the part at fault: ``chair``, ``chair.facilitator``, ``members``,
    ``members[1].independent``, ``scribe``.

    >>> from casereview.under1roof import Panel, PanelMember
    >>> chair = PanelMember(name="Ann", involved_in_care=False, experienced=True, facilitator=True)
    >>> ok = dict(independent=True, experienced=True)
    >>> panel = Panel(chair=chair, members=(PanelMember(name="Bo", **ok),), scribe="Cy")
    >>> [(f.field, f.code) for f in validate_panel(panel).findings]
    [('members', 'under1roof.panel.two-independent-members')]
    >>> panel = panel.model_copy(update={"members": (*panel.members, PanelMember(name="Di", **ok))})
    >>> validate_panel(panel).ok
    True
    """
    checked = validated(panel, Panel, field="panel")
    doubles = option(scribe_may_double, field="scribe_may_double")
    return Validation(findings=_panel_findings(checked, prefix="", scribe_may_double=doubles))


def counted_members(
    panel: Panel | Mapping[str, Any], *, scribe_may_double: bool = False
) -> tuple[PanelMember, ...]:
    """The members who count toward the "at least two other" of step 3, in panel order.

    >>> from casereview.under1roof import Panel, PanelMember
    >>> bo = PanelMember(name="Bo", independent=True, experienced=True)
    >>> again = bo.model_copy(update={"name": " BO"})
    >>> [m.name for m in counted_members(Panel(members=(bo, again)))]
    ['Bo']
    """
    checked = validated(panel, Panel, field="panel")
    doubles = option(scribe_may_double, field="scribe_may_double")
    return _assess_members(checked, prefix="", scribe_may_double=doubles)[0]


def _panel_findings(panel: Panel, *, prefix: str, scribe_may_double: bool) -> tuple[Finding, ...]:
    findings: list[Finding] = []
    chair = panel.chair
    if chair is None:
        findings.append(
            r.CHAIR_IDENTIFIED.finding(
                "Step 2: no one is identified to independently chair the meeting.",
                field=f"{prefix}chair",
            )
        )
    else:
        findings.extend(_chair_findings(chair, f"{prefix}chair"))

    counted, member_findings = _assess_members(
        panel, prefix=prefix, scribe_may_double=scribe_may_double
    )
    findings.extend(member_findings)
    # The seed's words alone count a member who is also the scribe; only our reading does not.
    scribes = [] if scribe_may_double else _scribes_among_qualified(panel, counted, prefix)
    if len(counted) + len(scribes) < 2:
        names = ", ".join(m.name for m in (*counted, *scribes)) or "none"
        findings.append(
            r.TWO_INDEPENDENT_MEMBERS.finding(
                f"Step 3: at least two other experienced practitioners/managers independent of "
                f"the situation are needed; {len(counted) + len(scribes)} counted ({names}).",
                field=f"{prefix}members",
            )
        )
    elif len(counted) < 2:
        names = ", ".join(m.name for m in counted) or "none"
        findings.append(
            r.SCRIBE_SEPARATE.finding(
                f"Step 3: with the scribe not counted, {len(counted)} other experienced "
                f"independent practitioner(s)/manager(s) remain ({names}); the seed's words alone "
                "count the scribe, so this is our reading (inferred), not a failed step.",
                field=f"{prefix}members",
                severity=_WARN,
            )
        )

    if panel.scribe is None:
        findings.append(
            r.SCRIBE_NOMINATED.finding("Step 4: no scribe is nominated.", field=f"{prefix}scribe")
        )
    elif chair is not None and not scribe_may_double and same_person(panel.scribe, chair.name):
        findings.append(
            r.SCRIBE_SEPARATE.finding(
                f"The chair ({chair.name}) is also the scribe; we read the scribe as a separate "
                "role (inferred: the seed is silent; scribe_may_double=True reads it otherwise).",
                field=f"{prefix}scribe",
                severity=_WARN,
            )
        )
    return tuple(findings)


def _chair_findings(chair: PanelMember, where: str) -> list[Finding]:
    findings: list[Finding] = []
    if chair.involved_in_care is True:
        findings.append(
            r.CHAIR_NOT_INVOLVED.finding(
                f"The chair ({chair.name}) has been involved in the person's care.",
                field=f"{where}.involved_in_care",
            )
        )
    elif chair.involved_in_care is None:
        findings.append(_unrecorded_chair(chair, where, "involved_in_care", "involved in care"))
    if chair.independent is False:
        findings.append(
            r.CHAIR_INDEPENDENT.finding(
                f"The chair ({chair.name}) is recorded as not independent.",
                field=f"{where}.independent",
            )
        )
    if chair.experienced is False:
        findings.append(
            r.CHAIR_EXPERIENCED.finding(
                f"The chair ({chair.name}) is not an experienced practitioner.",
                field=f"{where}.experienced",
            )
        )
    elif chair.experienced is None:
        findings.append(_unrecorded_chair(chair, where, "experienced", "experienced"))
    if chair.facilitator is False:
        findings.append(
            r.CHAIR_FACILITATOR.finding(
                f"The chair ({chair.name}) is not a facilitator.", field=f"{where}.facilitator"
            )
        )
    elif chair.facilitator is None:
        findings.append(_unrecorded_chair(chair, where, "facilitator", "a facilitator"))
    return findings


def _unrecorded_chair(chair: PanelMember, where: str, attribute: str, fact: str) -> Finding:
    return r.CHAIR_UNRECORDED.finding(
        f"Whether the chair ({chair.name}) is {fact} is not recorded.",
        field=f"{where}.{attribute}",
    )


def _assess_members(
    panel: Panel, *, prefix: str, scribe_may_double: bool
) -> tuple[tuple[PanelMember, ...], list[Finding]]:
    """The counted members, and a finding for each member who does not count and why."""
    counted: list[PanelMember] = []
    findings: list[Finding] = []
    first_listed: dict[str, int] = {}
    chair_key = normalise_label(panel.chair.name) if panel.chair is not None else None
    for i, member in enumerate(panel.members):
        where = f"{prefix}members[{i}]"
        key = normalise_label(member.name)
        if key == chair_key:
            findings.append(
                r.DISTINCT_PEOPLE.finding(
                    f"{member.name} is the chair and does not count as one of the two others.",
                    field=f"{where}.name",
                    severity=_WARN,
                )
            )
            continue
        if key in first_listed:
            findings.append(
                r.DISTINCT_PEOPLE.finding(
                    f"{member.name} is already listed as {prefix}members[{first_listed[key]}]; "
                    "a person counts once.",
                    field=f"{where}.name",
                    severity=_WARN,
                )
            )
            continue
        first_listed[key] = i
        shortfalls = _member_findings(member, where)
        findings.extend(shortfalls)
        if shortfalls:
            continue
        if (
            panel.scribe is not None
            and not scribe_may_double
            and same_person(panel.scribe, member.name)
        ):
            findings.append(
                r.SCRIBE_SEPARATE.finding(
                    f"{member.name} is the scribe and is not counted as one of the two others "
                    "(inferred: the seed is silent on one person holding both roles).",
                    field=f"{where}.name",
                    severity=_WARN,
                )
            )
            continue
        counted.append(member)
    return tuple(counted), findings


def _member_findings(member: PanelMember, where: str) -> list[Finding]:
    """Why ``member`` does not count (warnings: the count below two is the error)."""
    findings: list[Finding] = []
    if member.involved_in_care is True:
        findings.append(
            r.MEMBER_INDEPENDENT.finding(
                f"{member.name} has been involved in the person's care, so is not independent "
                "of the situation, and is not counted.",
                field=f"{where}.involved_in_care",
                severity=_WARN,
            )
        )
    if member.independent is False:
        findings.append(
            r.MEMBER_INDEPENDENT.finding(
                f"{member.name} is not independent of the situation and is not counted.",
                field=f"{where}.independent",
                severity=_WARN,
            )
        )
    elif member.independent is None and member.involved_in_care is not True:
        findings.append(
            r.MEMBER_UNRECORDED.finding(
                f"Whether {member.name} is independent of the situation is not recorded; "
                "not counted.",
                field=f"{where}.independent",
                severity=_WARN,
            )
        )
    if member.experienced is False:
        findings.append(
            r.MEMBER_EXPERIENCED.finding(
                f"{member.name} is not an experienced practitioner/manager and is not counted.",
                field=f"{where}.experienced",
                severity=_WARN,
            )
        )
    elif member.experienced is None:
        findings.append(
            r.MEMBER_UNRECORDED.finding(
                f"Whether {member.name} is an experienced practitioner/manager is not recorded; "
                "not counted.",
                field=f"{where}.experienced",
                severity=_WARN,
            )
        )
    return findings


def _scribes_among_qualified(
    panel: Panel, counted: tuple[PanelMember, ...], prefix: str
) -> list[PanelMember]:
    """Members left out only because they are the scribe (each qualifies on the seed's words)."""
    if panel.scribe is None:
        return []
    with_scribe, _ = _assess_members(panel, prefix=prefix, scribe_may_double=True)
    return [m for m in with_scribe if m not in counted]
