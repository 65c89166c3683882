"""Excel reports: province templates filled from the database, and the raw export.

Templates are filled at the package's XML level (package, xmlbook, xmlsheet,
xmlshift; see docs/architecture.md), checked by check, designed by clicking
through designer. No Qt here. openpyxl is imported inside the functions
that need it, so importing this package stays cheap.
"""
