"""Which language is the user writing? Bokmål ('nb'), nynorsk ('nn') or English ('en').

Short replies ("ja", "18-20") say nothing: then the conversation's language
so far holds, else the page's. Most Norwegian words are shared by bokmål and
nynorsk, so a sentence only switches between the two when it has words that
belong to one of them ("jeg", "ikke" against "eg", "ikkje").
"""

from __future__ import annotations

import re

# ISO 639-1 for Norwegian of either written standard: the variant is not known yet.
NORWEGIAN_UNSPECIFIED = "no"


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
# Words only one written standard uses (leaving out those English has too, like "me").
BOKMAL_ONLY = _words("""jeg ikke hva hvordan hvem hvor hvilken hvilket hvilke noe noen trenger
skole skolen skoler fra bare mye leie leia regler koster morgen en et være hun mandag tirsdag
lørdag søndag kommer gjøre""")
NYNORSK_ONLY = _words("""eg ikkje kva korleis kven kvar kor noko nokon nokre treng skule skulen
skular frå berre mykje leige reglar kostar morgon ein eit vere ho måndag tysdag laurdag sundag
kjem gjere""")


def detect(text: str) -> str | None:
    """'en', 'nb', 'nn', NORWEGIAN_UNSPECIFIED, or None when the text does not tell."""
    words = re.findall(r"[a-zæøå]+", text.lower())
    english = sum(word in ENGLISH for word in words)
    norwegian = sum(word in NORWEGIAN for word in words)
    if not re.search(r"[æøå]", text.lower()) and english >= norwegian:
        return "en" if english > norwegian else None
    bokmal = sum(word in BOKMAL_ONLY for word in words)
    nynorsk = sum(word in NYNORSK_ONLY for word in words)
    if bokmal != nynorsk:
        return "nb" if bokmal > nynorsk else "nn"
    return NORWEGIAN_UNSPECIFIED


def language_for(text: str, previous: str | None, page: str | None) -> str:
    # Button payloads ("/choose_room{...}") say nothing about the user's language.
    found = None if text.startswith("/") else detect(text)
    if found in ("nb", "nn", "en"):
        return found
    # Norwegian of unknown variant ends an English conversation; a text that
    # tells nothing keeps whatever the conversation, or else the page, is in.
    kept = ("nb", "nn") if found == NORWEGIAN_UNSPECIFIED else ("nb", "nn", "en")
    return next((language for language in (previous, page) if language in kept), "nb")
