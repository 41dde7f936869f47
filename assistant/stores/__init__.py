"""What Rebound keeps on disk between runs, each store with its own row models: the SQLite file
(db), the follow-up log (followups) and the practice history (practice)."""
