"""The monitoring engine: indicator values, targets, status, completeness,
validation. Plain Python and SQL; no Qt."""
