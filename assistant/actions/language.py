"""Which language is the user writing? Bokmål/nynorsk ('nb') or English ('en').

Short replies ("ja", "18-20") say nothing: then the conversation's language
so far holds, else the page's. Nynorsk users are answered in bokmål.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = _words("""the a an i we you need room rooms hall for on at please what how can could
would book booking my is are with next tomorrow tonight hello hi thanks thank yes no cancel price
cost costs much do does have has there any which where when who people person want like school
kitchen evening afternoon morning to from and of it this that free available your our us me am pm
bookings help human talk someone rules allowed key keys pay payment register organisation
organization club choir open hours opening rent rental""")
NORWEGIAN = _words("""jeg eg vi me du trenger treng trengs rom på til kl hva kva hvordan korleis
kan booke bestille min mine mitt er med neste i morgen morgon hei hallo takk ja nei avbestill
avbestille pris prisen koster kostar og ikke ikkje som det den for meg oss har noen nokon ledig
ledige skole skule kveld kvelden gymsal aula kjøkken klasserom møterom vil ville gjerne lov leie
leige hvor kor når kven hvem betale betaling nøkkel nøkkelen regler reglar snakke menneske heller
mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tysdag laurdag sundag""")


def detect(text: str) -> str | None:
    words = re.findall(r"[a-zæøå]+", text.lower())
    if re.search(r"[æøå]", text.lower()):
        return "nb"
    english = sum(word in ENGLISH for word in words)
    norwegian = sum(word in NORWEGIAN for word in words)
    if english > norwegian:
        return "en"
    if norwegian > english:
        return "nb"
    return None


def language_for(text: str, previous: str | None, page: str | None) -> str:
    # Button payloads ("/choose_room{...}") say nothing about the user's language.
    found = None if text.startswith("/") else detect(text)
    if found:
        return found
    if previous in ("nb", "en"):
        return previous
    return "en" if page == "en" else "nb"
