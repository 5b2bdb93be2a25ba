"""The VHIMS section of ``python -m casereview demo``: the guidance's four cases, evaluated."""

from __future__ import annotations

from datetime import date, datetime

from casereview.vhims.deadlines import duty_of_candour_deadlines, sentinel_event_deadlines
from casereview.vhims.isr import derive_isr
from casereview.vhims.logic_map import LogicMap
from casereview.vhims.review import review_requirement
from casereview.vhims.sapse import is_sapse
from casereview.vhims.worked_examples import WORKED_EXAMPLES

__all__ = ["section"]


def section() -> list[str]:
    """Rebecca, Harry, Tony and Emma: elements, ISR, provenance, citations; then the follow-ups."""
    default = LogicMap.default()
    stated = sum(row.citation.provenance == "stated" for row in default)
    lines = [
        f"Logic map {default.name!r}: {len(default)} paths, {stated} stated by the guidance's "
        f"cases, {len(default) - stated} inferred (Figure 1 is not in the text; load the "
        "authoritative map to rate identically to VHIMS)",
    ]
    for example in WORKED_EXAMPLES:
        result = derive_isr(example.harm, example.duration, example.treatment)
        given = ", ".join(
            f"{name} {value.value}"
            for name, value in zip(
                ("harm", "duration", "treatment"),
                (example.harm, example.duration, example.treatment),
                strict=True,
            )
            if value is not None
        )
        check = "as the guidance says" if result.isr is example.isr else "GUIDANCE DIFFERS"
        sure = "confirmed (stated)" if result.confirmed else result.provenance.value
        lines.append(f"  {example.name}: {given} -> {result.isr} ({check})")
        lines.append(
            f"    elements used: {', '.join(result.elements_used)}; cell {sure}; "
            f"rule {result.rule_id}"
        )
        for citation in result.citations:
            lines.append(f"    cites {citation}")
        # Every assumption is passed explicitly and printed as a condition: the demo knows
        # none of these facts about the cases.
        review = review_requirement(result.isr, sentinel_event=False, system_or_process_issues=True)
        sapse = is_sapse(
            incident_type="Clinical",
            isr=result.isr,
            clinical_incident=True,
            went_as_intended=False,
            under_duty_of_candour=True,
        )
        lines.append(
            f"    minimum review if not a sentinel event and system issues contributed: "
            f"{review.level.value}"
        )
        lines.append(
            "    SAPSE if flagged clinical, care did not go as intended and the service is "
            f"under SDC obligations: {'yes' if sapse else 'no'}"
        )
    inferred = derive_isr("Moderate", "Permanent")
    lines.append(
        f"  An inferred cell: Moderate, Permanent -> {inferred.isr} (confirmed: "
        f"{inferred.confirmed}; {inferred.citations[0].note})"
    )
    sentinel = sentinel_event_deadlines(aware_on=date(2024, 10, 31))
    lines.append(
        f"Sentinel event known Thu 31 Oct 2024: notify SCV by {sentinel.notify_scv_by}, RCA parts "
        f"A+B by {sentinel.rca_parts_a_b_by} (extension request by "
        f"{sentinel.extension_request_by}), part C by {sentinel.rca_part_c_by} (secondary)"
    )
    candour = duty_of_candour_deadlines(identified_at=datetime(2024, 12, 23, 15, 30))
    lines.append(
        f"SAPSE identified Mon 23 Dec 2024 15:30: apology by {candour.apology_by:%a %d %b %H:%M}, "
        f"organise the meeting by {candour.organise_meeting_by}, meeting by "
        f"{candour.meeting_by} (secondary; the anchors inferred)"
    )
    return lines
