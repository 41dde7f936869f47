"""Deterministic analysis of resumes and job descriptions (keywords, scores): no model involved."""
