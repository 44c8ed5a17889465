"""Engine adapters: the mkdocs plugin and the parallel build that runs it."""
