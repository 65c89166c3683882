"""Excel reports: province templates filled from the database, and the raw export.

No Qt here. openpyxl is imported inside the functions that need it, so
importing this package stays cheap.
"""
