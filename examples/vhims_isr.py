"""The VHIMS clinical ISR as an incident-management system would use it.

Run: ``.venv/bin/python examples/vhims_isr.py``

Records arrive as labels (an IMS export or JSON), the ISR is derived with its provenance, the
consistency of the recorded values is checked, and the follow-up (minimum review, SAPSE, duty of
candour) is worked out. A health service with the authoritative logic map loads it instead of
the reconstruction.
"""

from __future__ import annotations

from datetime import datetime

from casereview.errors import CaseReviewError
from casereview.vhims import (
    ClinicalIncident,
    LogicMap,
    derive_isr,
    duty_of_candour_deadlines,
    review_requirement,
)

RECORDS: list[dict[str, object]] = [
    {
        "harm": "moderate",
        "duration": "temporary",
        "treatment": "intermediate",
        "incident_type": "Clinical",
        "clinical_incident": "Yes",
        "went_as_intended": "No",
        "under_duty_of_candour": True,
    },
    {
        "harm": "No harm",
        "duration": "Temporary",
        "treatment": "Advanced",
        "incident_type": "Clinical",
        "clinical_incident": "Yes",
        "went_as_intended": "Yes",
        "under_duty_of_candour": True,
    },
    {"harm": "Severe", "incident_type": "Clinical"},
]


def main() -> None:
    for record in RECORDS:
        incident = ClinicalIncident.model_validate(record)
        try:
            result = incident.derive_isr()
        except CaseReviewError as exc:
            print(f"{incident.harm}: cannot derive the ISR yet — {exc}")
            continue
        sure = (
            "confirmed by the guidance" if result.confirmed else f"{result.provenance.value} cell"
        )
        print(f"{result.path}: {result.isr} ({sure}; rule {result.rule_id})")
        for finding in incident.consistency():
            print(f"  warning: {finding.message} ({finding.code})")
        review = review_requirement(result.isr, system_or_process_issues=False)
        print(f"  minimum review: {review.level.value} ({review.rule_id})")
        if incident.is_sapse():
            candour = duty_of_candour_deadlines(identified_at=datetime(2024, 12, 23, 15, 30))
            print(
                f"  SAPSE: apology by {candour.apology_by:%d %b %H:%M}, open-disclosure meeting "
                f"by {candour.meeting_by:%d %b %Y}"
            )

    # A vendor's authoritative map (here: the reconstruction with one cell changed).
    rows = [
        {k: row[k] for k in ("harm", "duration", "treatment", "isr")}
        for row in LogicMap.default().to_rows()
    ]
    for row in rows:
        if (row["harm"], row["duration"], row["treatment"]) == (
            "Severe",
            "Temporary",
            "Intermediate",
        ):
            row["isr"] = 1
    vendor = LogicMap.from_rows(rows, source="Example Health IMS configuration")
    result = derive_isr("Severe", "Temporary", "Intermediate", logic_map=vendor)
    print(f"Vendor map: {result.path} -> {result.isr} (cites {result.citations[0]})")


if __name__ == "__main__":
    main()
