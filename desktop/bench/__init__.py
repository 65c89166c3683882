"""The benchmark: province-size data, each figure beside its floor."""
