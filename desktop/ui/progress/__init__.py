"""The overview (first screen) and the progress tab."""
