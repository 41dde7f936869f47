"""The guard: every model draft is checked against the inputs before anyone sees it."""
