"""Assessment and ranking of units (đánh giá, xếp hạng): sets of criteria as data.

`model` reads and checks a set (TOML), `rules` turns a figure into points,
`scoring` scores every unit under a unit for a year (figures from
desktop.engine, assessor scores from the database) and ranks them, `store`
keeps edited sets and assessor scores, `export` writes the built-in form.
No Qt.
"""
