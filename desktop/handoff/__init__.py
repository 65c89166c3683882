"""The province's hand-off file: one signed file that gives every office the
province's plan (no Qt).

The file is a data package in form (desktop.packages.container: the same
signature, seal, keys and trust), told apart by `metadata.json` format
"itplan-plan". `plans.json` holds the plan, its targets, the indicators and
data elements they need, the province's report templates (.xlsx, base64)
and extra named sections (`sections`: e.g. assessment sets, see
`sections.register_section`); `units.json` optionally the province's units;
`values.json` is empty. `export` writes it, `receive` verifies it, shows
what a newer version changes and applies it.
"""

HANDOFF_FORMAT = "itplan-plan"
HANDOFF_VERSION = 1
