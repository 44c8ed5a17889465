"""Numbers derived from the model at an as-of date: pacing, statuses, report periods, charts."""
