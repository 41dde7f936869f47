"""The kinds of interview question (question_bank.py, duty_questions.py). On its own so that the
duty clause reader (duty_questions.py), which the job ad reader (job_terms.py) uses too, needs
no question bank: the banks read job lines with the keyword vocabulary (words.py, keywords.py),
which reads ads with job_terms.py."""

from __future__ import annotations

from typing import Literal

QuestionType = Literal["behavioural", "situational", "technical", "motivational", "company"]
