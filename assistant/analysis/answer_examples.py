"""Practice answers the answer rules' examples are written against (assistant/analysis/answers.py)."""

from __future__ import annotations

FULL = (
    "At my last job at a parcel company, the operations team was missing delivery targets every week. "
    "My task was to find out why before the quarterly review. I pulled six months of delivery data with SQL, "
    "built a Looker dashboard by depot, and met the two depot managers with the worst figures. "
    "We found that one van route crossed the river twice at rush hour. I proposed a new route order and "
    "tested it for two weeks with the drivers. As a result late deliveries fell from 18% to 7%, and the "
    "dashboard is still used in the Monday meeting."
)
NO_RESULT = (
    "When I was a receptionist at a dental practice, the phones rang constantly on Monday mornings. "
    "I was responsible for the booking diary. I set up a call-back list and I trained a colleague to "
    "take the overflow calls."
)
ACTION_ONLY = (
    "I migrated the monthly reports to a new tool and I documented every step for the team."
)
SITUATION_TASK = "While working at the library, our goal was to double the number of children joining the reading club."
NOTHING = "Teamwork is important and communication matters a great deal to everybody."

LONG = " ".join([FULL] * 4)
FILLERS = FULL + " Um, basically, you know, it was um fine."
HEDGES = FULL + " I think it maybe worked, I guess."
REPEATS = FULL + " The route, the route, the new route and the old route were both a route."

# Examples of the rules that read the question (the question, then answers for and against).
NURSE_Q = (
    "Tell me about a time a patient's condition got worse on your shift. How did you spot it, "
    "and who did you escalate to?"
)
NURSE = (
    "On a night shift an elderly man became confused and his breathing rate went up to 28. His "
    "early warning score had gone from 1 to 6, so I rechecked his observations, gave oxygen and "
    "bleeped the registrar. He was treated for sepsis within the hour and recovered."
)
CAMPAIGN = (
    "In my last job I ran the spring email campaign for a garden centre. We split the list into "
    "three groups, tested two subject lines and sent on Thursday mornings. Open rates went from "
    "18% to 26% and online sales doubled over the month, and the brand team kept the format."
)
HYPOTHETICAL_Q = "How would you handle a customer who is angry about a late delivery?"
PLAN = "First I would listen, then I would check the tracking and offer to rebook it for tomorrow."
NO_PLAN = "Customers are often angry about deliveries and it is a hard part of the job to do well."
TECH_Q = "How do you keep code easy for someone else to change later?"
WITH_EXAMPLE = "Small modules and tests. For example, at my last job I split a 2,000-line file."
NO_EXAMPLE = "Small modules with clear names, tests for behaviour, and regular refactoring."
WHY_Q = "Why do you want this job?"
SPECIFIC_WHY = "Your move into corporate wellness is the growth I want to be part of in this role."
GENERIC_WHY = "I want a stable job with good pay and a chance to learn new things every day."
