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
