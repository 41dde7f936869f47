"""Rebound's evaluation on material nobody on the project wrote (`make eval`).

Each area is a module here named `eval_<area>.py` with a `main() -> int` that prints its figures.
Hand labels live in `evaluation/labels/<area>/`; each label file says which items are `tune`
(looked at while building) and which are `held-out` (never tuned on). The outside data is read
from `../shared/data/` beside the checkout and never copied into the repository.
"""
