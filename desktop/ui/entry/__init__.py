"""The data entry grid, its consistency warnings, the history of a value and the submission (approval) tab."""
