"""A plan's targets read from its text: rules and a vocabulary of plan language.

`read_plan_file` (readers) turns a .txt, .docx or .pdf into text, refusing
hostile files; `extract_plan` (extract) finds every quantitative target and
milestone of the text with its year, level, comparator and baseline and the
clause it came from, and proposes the plan's title, issuer, number, date and
years; `match` proposes the catalogue's indicator for each; `score` measures
the extractor against the shipped plans. Plain Python: no Qt, no network.
"""
