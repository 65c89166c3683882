"""Charts for the screen and the printed meeting pack (matplotlib, no Qt).

`data` turns the engine's results into plain chart data; `figures` draws
them on `matplotlib.figure.Figure` objects (never pyplot); `pack` writes the
meeting pack PDF. matplotlib is imported inside functions only, after
`mplsetup.prepare_matplotlib()`, so nothing here slows start-up.
"""
