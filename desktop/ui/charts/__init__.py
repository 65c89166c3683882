"""The charts tab and chart printing."""
