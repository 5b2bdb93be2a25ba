"""The examples shown by ``casereview COMMAND --help`` (one block per command)."""

from typing import Final

__all__ = ["EXAMPLES"]

EXAMPLES: Final = {
    "isr": """examples:
  casereview isr Severe Temporary Advanced      # Case: Tony -> ISR 1
  casereview isr minor                          # the path ends at harm -> ISR 3
  casereview isr Severe                         # refused: duration is required (exit 2)
  casereview isr Moderate Permanent Minor --logic-map our-ims-map.csv""",
    "follow-up": """examples:
  casereview follow-up "Major impact" "Self-harm" --systemic-factors no
  casereview follow-up major "physical abuse" --subject-of-allegation "staff member"
  casereview follow-up "Non-major impact" "Medication error" --submitted-on 2024-06-03
  casereview follow-up "Major impact" "Self-harm" --occurred-on 2025-01-06 --ruleset cims-2024""",
    "due-date": """examples:
  casereview due-date 2024-12-02                # -> 2025-01-03 (skips Christmas, New Year)
  casereview due-date 2025-03-03 --submitted-on 2025-02-27   # cims-2024: not determined
  casereview due-date 2025-03-03 --submitted-on 2025-02-27 --apply-2020-rules""",
    "review": """examples:
  casereview review 2
  casereview review 1 --system-or-process-issues yes
  casereview review 3 --sentinel-event""",
    "validate": """examples:
  casereview validate cims-case-review report.json
  echo '{"scribe": "Cy"}' | casereview validate under1roof-panel
  casereview validate kentucky-record - < record.json""",
    "decide": """examples:
  echo '{"incident_type": "Clinical", "isr": 2, "clinical_incident": "Yes",
         "went_as_intended": "No"}' | casereview decide sapse
  casereview decide kentucky-substitution request.json
  casereview decide --list""",
    "evaluate": """examples:
  echo '{"cims": {"id": "C-1", "client": "P-1", "impact": "Major impact",
         "incident_type": "Self-harm", "systemic_factors": false,
         "endorsed_on": "2024-12-02"}}' | casereview evaluate
  echo '{"vhims": {"harm": "Severe", "duration": "Temporary", "treatment": "Advanced",
         "sentinel_event": false, "system_or_process_issues": true}}' | casereview evaluate""",
    "schema": """examples:
  casereview schema --list                      # the model names
  casereview schema IsrRequest                  # one JSON Schema
  casereview schema > schemas.json              # every schema, by name""",
    "vectors": """examples:
  casereview vectors > isr-vectors.json         # the ISR test vectors (JSON)
  casereview vectors --format csv
  casereview vectors --logic-map our-ims-map.csv   # what your map answers, for each input""",
    "rules": """examples:
  casereview rules                              # every rule, its citation and provenance
  casereview rules --format markdown""",
    "check": """examples:
  casereview check examples/cases/worked-examples.json
  casereview check my-cases.yaml --json         # YAML needs PyYAML""",
    "batch": """examples:
  casereview batch --decision isr < elements.jsonl > results.jsonl
  printf '{"decision": "due-date", "inputs": {"endorsed_on": "2024-12-02"}}\\n' | casereview batch
Each input line is a JSON object: the inputs of --decision, or {"decision", "inputs", "id"}.
Each output line is the result or error object of the same input line, in order.""",
    "serve": """examples:
  casereview serve                              # http://127.0.0.1:8000/docs
  CASEREVIEW_API_KEY=secret casereview serve --host 0.0.0.0 --port 8080
Needs the extra: pip install 'casereview[server]'. See docs/security.md.""",
    "demo": "examples:\n  casereview demo",
    "sources": "examples:\n  casereview sources | head",
    "business-days": """examples:
  casereview business-days 2024-09-20 21
  casereview business-days 2024-10-28 21 --remove 2024-11-05""",
}
