"""What the synthetic sample draws from: names, countries and time zones, companies, roles, notes.

Nothing here describes real people; every email domain ends in ``.example``.
"""

from __future__ import annotations

import numpy as np

from .tables import CHANNELS, KINDS

FIRST = np.array([
    "Zoë", "José", "Ngũgĩ", "Amara", "Chiamaka", "Wanjiru", "Søren", "Amélie", "Björn", "Priya",
    "Aroha", "Tāne", "Liam", "Olivia", "Noah", "Emma", "Mohammed", "Fatima", "Oluwaseun", "Aisha",
    "Kwame", "Grace", "Daniel", "Sofía", "Jürgen", "Anja", "Ravi", "Ananya", "Hemi", "Mere",
    "James", "Charlotte", "Kipchoge", "Achieng", "Tomás", "Chloé", "Siobhán", "Rhys", "Lena", "Arjun",
])
LAST = np.array([
    "Müller", "García", "Mwangi", "Okafor", "Patel", "Ngata", "Smith", "Jones", "Kamau", "Adeyemi",
    "Schröder", "Núñez", "O'Brien", "Wiremu", "Sharma", "Otieno", "Brown", "Wilson", "Nwosu", "Fischer",
    "Taylor", "Ochieng", "Iyer", "Parata", "Lefèvre", "Kowalski", "Nguyen", "Chen", "Walker", "Eze",
])
# The ASCII spelling an email address would use.
ASCII = str.maketrans({
    "ë": "e", "é": "e", "ũ": "u", "ĩ": "i", "ø": "o", "ö": "o", "ü": "u", "ā": "a", "í": "i",
    "á": "a", "ú": "u", "è": "e", "ñ": "n", "ó": "o", "'": "", " ": "",
})
COUNTRIES = np.array(["GB", "KE", "US", "DE", "NG", "IN", "NZ", ""])
COUNTRY_P = np.array([0.24, 0.17, 0.16, 0.10, 0.12, 0.08, 0.06, 0.07])
TIMEZONES = {
    "GB": ["Europe/London"],
    "KE": ["Africa/Nairobi"],
    "US": ["America/New_York", "America/Chicago", "America/Los_Angeles"],
    "DE": ["Europe/Berlin"],
    "NG": ["Africa/Lagos"],
    "IN": ["Asia/Kolkata"],
    "NZ": ["Pacific/Auckland"],
    "": [""],
}
COMPANIES = [
    ("Northwind Traders", "northwind.example"), ("Contoso", "contoso.example"),
    ("Umoja Tech", "umoja.example"), ("Kiwi Analytics", "kiwi-analytics.example"),
    ("Bäckerei Schmidt", "baeckerei-schmidt.example"), ("Savannah Health", "savannah.example"),
    ("Fabrikam", "fabrikam.example"), ("Lagos Logistics", "lagos-logistics.example"),
    ("Tūī Software", "tui.example"), ("Harbour & Co", "harbour.example"),
    ("Woodgrove Bank", "woodgrove.example"), ("Mara Energy", "mara.example"),
    ("Adventure Works", "adventure-works.example"), ("Litware", "litware.example"),
    ("Café Lumière", "cafe-lumiere.example"), ("Bengaluru Bytes", "blr-bytes.example"),
    ("Tailspin Toys", "tailspin.example"), ("Proseware", "proseware.example"),
    ("Nairobi Fintech", "nbo-fintech.example"), ("Coho Winery", "coho.example"),
]
ROLES = np.array([
    "Data Analyst", "Junior Developer", "Customer Success Associate", "Marketing Assistant",
    "Operations Coordinator", "Graduate Engineer", "UX Researcher", "Accounts Assistant",
    "Sales Development Representative", "Project Officer", "Support Engineer", "HR Assistant",
    "Logistics Planner", "Content Writer", "Research Assistant", "Business Analyst",
])
ROLES_P = np.full(len(ROLES), 1 / len(ROLES))

KIND_CODES = {k: i for i, k in enumerate(KINDS)}
CHANNEL_CODES = {c: i for i, c in enumerate(CHANNELS)}
TO_INTERVIEWER = np.array(["false", "true", ""])
NOTES = np.array([
    "",
    "mentioned the data project we discussed",
    "thanked them for the tour of the office",
    "asked whether the role is still open",
    "introduced myself again, politely",
    "still interviewing; they will decide soon",
    "asked for references",
    "offer letter attached, start date to agree",
    "asked for tips to improve, they were kind",
    "accepted another offer",
    "they said: \"the team is still deciding\"",
    "contract sent for signature",
    "thanked them for their time and asked for tips",
    "accepted the offer, start date to agree",
    "thanked them and asked for a few days to decide",
    "invited to the next interview",
    "asked to choose a time for the next round",
])
NOTE_BY_KIND = {
    "thank_you_sent": [1, 2],
    "follow_up_sent": [3, 4],
    "employer_response": [5, 10],
    "next_round": [15, 16],
    "offer": [7],
    "rejection": [8],
    "withdrawn": [9],
    "reply_sent": [12],
}

#: What a coach writes after a session: short plain sentences, about an interview or the search.
SESSION_NOTES = np.array([
    "Went through the thank-you letter together; sent it before we finished.",
    "Practised the follow-up call: introduce yourself again, ask whether the role is still open.",
    "Worried about the silence since the interview; we agreed to wait until the window opens.",
    "Talked through the strengths to mention: the data project and the team work.",
    "Rehearsed the answer to the salary question.",
    "Offer on the table; listed the questions to ask before saying yes.",
    "Took the rejection well; will thank the interviewer and ask for tips.",
    "Prepared for the second round: who is on the panel, what they asked last time.",
    "Updated the CV with the new project; two applications to send this week.",
    "Felt the interview went well; the interviewer promised an answer within two weeks.",
    "Nervous about the next round; we did a mock interview.",
    "No news yet; reminded them not to chase before the promised date.",
    "Checked the letter for the role's name and the interviewer's name.",
    "Discussed whether to accept or ask for a few days to decide.",
    "Set the next session for after the decision date.",
])
