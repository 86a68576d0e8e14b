"""Everything the assistant says, in bokmål, nynorsk and English. Facts come from the API."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "greet": {
        "nb": "Hei{name}! Hva kan vi gjøre for deg? Jeg kan finne og booke ledige rom på skolene, "
              "svare på spørsmål om priser, utleietider og regler, og vise eller avbestille "
              "bookingene dine.",
        "en": "Hi{name}! What can we do for you? I can find and book free rooms in the schools, "
              "answer questions about prices, rental hours and rules, and show or cancel your "
              "bookings.",
    },
    "help": {
        "nb": "Jeg kan:\n• finne ledige rom («gymsal på Jar skole neste tirsdag 18-20»)\n"
              "• booke rommet for deg\n• svare på priser, utleietider, utstyr og regler\n"
              "• vise og avbestille bookingene dine",
        "en": "I can:\n• find free rooms («kitchen for a cooking class next Tuesday 6 to 8 pm»)\n"
              "• book the room for you\n• answer questions on prices, rental hours, equipment "
              "and rules\n• show and cancel your bookings",
    },
    "goodbye": {"nb": "Ha det bra!", "en": "Goodbye!"},
    "thanks": {"nb": "Bare hyggelig!", "en": "You're welcome!"},
    "human": {"nb": "Du når oss her: {contact}", "en": "You can reach us here: {contact}"},
    "out_of_scope": {
        "nb": "Det kan jeg dessverre ikke svare på. Jeg kan hjelpe med å finne og booke rom, "
              "priser, utleietider og regler. Ellers når du oss her: {contact}",
        "en": "Sorry, I can't answer that. I can help you find and book rooms, and with prices, "
              "rental hours and rules. Otherwise you can reach us here: {contact}",
    },
    "api_down": {
        "nb": "Jeg får ikke kontakt med bookingsystemet akkurat nå. Prøv igjen om litt, "
              "eller kontakt oss: {contact}",
        "en": "I can't reach the booking system right now. Try again shortly, or contact us: "
              "{contact}",
    },
    "ask_day": {"nb": "Hvilken dag gjelder det?", "en": "Which day is it for?"},
    "ask_time": {"nb": "Fra når til når? (for eksempel 18-20)",
                 "en": "From when to when? (for example 6 to 8 pm)"},
    "ask_end": {"nb": "Til hvilket klokkeslett?", "en": "Until what time?"},
    "ask_attendees": {"nb": "Hvor mange blir dere?", "en": "How many of you will there be?"},
    "ask_purpose": {"nb": "Hva skal rommet brukes til?", "en": "What will you use the room for?"},
    "understood_when": {"nb": "Jeg har forstått: {when}.", "en": "I understood: {when}."},
    "rooms_found": {
        "nb": "Ledige rom {when}:", "en": "Free rooms {when}:",
    },
    "room_line": {
        "nb": "{n}. {room}, {building} ({area}) – {capacity} plasser – {price}{flags}",
        "en": "{n}. {room}, {building} ({area}) – {capacity} places – {price}{flags}",
    },
    "choose_room": {"nb": "Hvilket rom vil du ha?", "en": "Which room would you like?"},
    "no_rooms": {
        "nb": "Jeg fant ingen ledige rom {when} som passer. Prøv en annen dag eller tid, "
              "eller en annen skole.",
        "en": "I found no free rooms {when} that fit. Try another day or time, or another school.",
    },
    "flag_approval": {"nb": "må godkjennes", "en": "needs approval"},
    "flag_supervisor": {"nb": "med tilsynsvakt", "en": "with a supervisor"},
    "free": {"nb": "gratis", "en": "free"},
    "summary": {
        "nb": "Da booker jeg {room}, {building}, {when}, for {attendees} personer "
              "(«{purpose}»). Pris: {price}.{requirements} Skal jeg booke? (ja/nei)",
        "en": "I'll book {room}, {building}, {when}, for {attendees} people "
              "(«{purpose}»). Price: {price}.{requirements} Shall I book it? (yes/no)",
    },
    "requires_approval": {
        "nb": " Bookingen må godkjennes av en saksbehandler.",
        "en": " A case officer must approve the booking.",
    },
    "needs_supervisor": {
        "nb": " Utenom ordinær utleietid kreves tilsynsvakt (inkludert i prisen).",
        "en": " Outside regular rental hours a supervisor is required (included in the price).",
    },
    "yes": {"nb": "Ja", "en": "Yes"},
    "no": {"nb": "Nei", "en": "No"},
    "login_needed": {
        "nb": "Du må være logget inn for å booke. Logg inn her, så kan du fortsette: {url}",
        "en": "You need to be logged in to book. Log in here and then continue: {url}",
    },
    "booked": {
        "nb": "Ferdig! Booking nr. {id} er bekreftet: {room}, {building}, {when}. "
              "Du finner den under Mine bookinger.",
        "en": "Done! Booking no. {id} is confirmed: {room}, {building}, {when}. "
              "You will find it under My bookings.",
    },
    "requested": {
        "nb": "Forespørsel nr. {id} er sendt: {room}, {building}, {when}. En saksbehandler "
              "gir deg svar. Du finner den under Mine bookinger.",
        "en": "Request no. {id} is sent: {room}, {building}, {when}. A case officer will get "
              "back to you. You will find it under My bookings.",
    },
    "not_booked": {"nb": "Den ble ikke booket: {reason}", "en": "It was not booked: {reason}"},
    "what_to_change": {
        "nb": "Greit, da booker jeg ikke. Vil du endre dag, tid, antall eller rom? "
              "Eller si «avbryt».",
        "en": "All right, I won't book it. Would you like to change the day, time, number of "
              "people or room? Or say «cancel».",
    },
    "stopped": {"nb": "Greit, jeg har stoppet bookingen.", "en": "All right, I've stopped the booking."},
    "no_bookings": {"nb": "Du har ingen kommende bookinger.", "en": "You have no upcoming bookings."},
    "your_bookings": {"nb": "Dine kommende bookinger:", "en": "Your upcoming bookings:"},
    "booking_line": {"nb": "Nr. {id}: {room}, {building}, {when} ({status})",
                     "en": "No. {id}: {room}, {building}, {when} ({status})"},
    "cancel_button": {"nb": "Avbestill nr. {id}", "en": "Cancel no. {id}"},
    "which_booking": {"nb": "Hvilken booking vil du avbestille?",
                      "en": "Which booking would you like to cancel?"},
    "confirm_cancel": {
        "nb": "Vil du avbestille nr. {id}: {room}, {building}, {when}? (ja/nei)",
        "en": "Do you want to cancel no. {id}: {room}, {building}, {when}? (yes/no)",
    },
    "cancelled": {
        "nb": "Nr. {id} er avbestilt. Etter avbestillingsreglene får du tilbake {refund}.",
        "en": "No. {id} is cancelled. Under the cancellation rules you get back {refund}.",
    },
    "not_cancelled": {"nb": "Greit, jeg avbestiller ikke.", "en": "All right, I won't cancel."},
    "hours_intro": {"nb": "Utleietider{where}:", "en": "Rental hours{where}:"},
    "hours_regular": {"nb": "• {days} {span}: ordinær utleie",
                      "en": "• {days} {span}: regular rental"},
    "hours_agreement": {
        "nb": "• {days} {span}: etter avtale, med tilsynsvakt ({supervisor} per time)",
        "en": "• {days} {span}: by agreement, with a supervisor ({supervisor} an hour)",
    },
    "prices_intro": {"nb": "Priser per time for {what}:", "en": "Prices per hour for {what}:"},
    "price_line": {"nb": "• {category}: {price}{cleaning}", "en": "• {category}: {price}{cleaning}"},
    "cleaning": {"nb": " (+ {fee} vask per gang)", "en": " (+ {fee} cleaning each time)"},
    "prices_outro": {
        "nb": "Tilsynsvakt utenom ordinær tid koster {supervisor} per time. Leie av lokaler er "
              "fritatt for mva.",
        "en": "A supervisor outside regular hours costs {supervisor} an hour. Renting premises "
              "is exempt from VAT.",
    },
    "room_has": {
        "nb": "{room}, {building}: plass til {capacity}. Utstyr: {facilities}.",
        "en": "{room}, {building}: room for {capacity}. Equipment: {facilities}.",
    },
    "room_has_yes": {"nb": "Ja, {room} på {building} har {facility}.",
                     "en": "Yes, {room} at {building} has {facility}."},
    "room_has_no": {"nb": "Nei, {room} på {building} har ikke {facility}.",
                    "en": "No, {room} at {building} does not have {facility}."},
    "rooms_with": {"nb": "Rom med {facility}: {rooms}", "en": "Rooms with {facility}: {rooms}"},
    "which_room": {
        "nb": "Hvilken skole og hvilket rom lurer du på? For eksempel «aulaen på Jar skole».",
        "en": "Which school and room do you mean? For example «the assembly hall at Jar skole».",
    },
    "rules": {"nb": "Reglene for {room}, {building}: {rules}\nNøkler og adgang: {access}",
              "en": "The rules for {room}, {building} (in Norwegian): {rules}\n"
                    "Keys and access: {access}"},
    "cancellation_policy": {
        "nb": "Avbestilling: full refusjon inntil {full} timer før start, {percent} % inntil "
              "{partial} timer før, deretter ingen refusjon. Du kan avbestille her i chatten "
              "eller under Mine bookinger.",
        "en": "Cancellation: full refund up to {full} hours before the start, {percent} % up to "
              "{partial} hours before, and no refund after that. You can cancel here in the chat "
              "or under My bookings.",
    },
    "payment": {
        "nb": "Prisen står i bekreftelsen; lokale lag for barn og unge leier gratis. Leie av "
              "lokaler er fritatt for mva. Spørsmål om betaling: {contact}",
        "en": "The price is in the confirmation; local children's and youth groups rent for free. "
              "Renting premises is exempt from VAT. Questions about payment: {contact}",
    },
    "register_org": {
        "nb": "For å booke for et lag eller en forening trenger vi organisasjonsnummeret "
              "(9 siffer fra Brønnøysundregistrene), navn, hjemkommune og type organisasjon. "
              "Logg inn og registrer organisasjonen, eller kontakt oss: {contact}",
        "en": "To book for a club or association we need its organisation number (9 digits "
              "from the Brønnøysund Register Centre), name, home municipality and type. "
              "Log in and register the organisation, or contact us: {contact}",
    },
}

# Nynorsk, kept in one place so that a nynorsk proof-reader can review it at once.
NYNORSK: dict[str, str] = {
    "greet": "Hei{name}! Kva kan vi gjere for deg? Eg kan finne og booke ledige rom på skulane, "
             "svare på spørsmål om prisar, utleigetider og reglar, og vise eller avbestille "
             "bookingane dine.",
    "help": "Eg kan:\n• finne ledige rom («gymsal på Jar skule neste tysdag 18-20»)\n"
            "• booke rommet for deg\n• svare på prisar, utleigetider, utstyr og reglar\n"
            "• vise og avbestille bookingane dine",
    "goodbye": "Ha det bra!",
    "thanks": "Berre hyggeleg!",
    "human": "Du når oss her: {contact}",
    "out_of_scope": "Det kan eg dessverre ikkje svare på. Eg kan hjelpe med å finne og booke "
                    "rom, prisar, utleigetider og reglar. Elles når du oss her: {contact}",
    "api_down": "Eg får ikkje kontakt med bookingsystemet akkurat no. Prøv igjen om litt, "
                "eller kontakt oss: {contact}",
    "ask_day": "Kva dag gjeld det?",
    "ask_time": "Frå når til når? (til dømes 18-20)",
    "ask_end": "Til kva klokkeslett?",
    "ask_attendees": "Kor mange blir de?",
    "ask_purpose": "Kva skal rommet brukast til?",
    "understood_when": "Eg har forstått: {when}.",
    "rooms_found": "Ledige rom {when}:",
    "room_line": "{n}. {room}, {building} ({area}) – {capacity} plassar – {price}{flags}",
    "choose_room": "Kva rom vil du ha?",
    "no_rooms": "Eg fann ingen ledige rom {when} som passar. Prøv ein annan dag eller tid, "
                "eller ein annan skule.",
    "flag_approval": "må godkjennast",
    "flag_supervisor": "med tilsynsvakt",
    "free": "gratis",
    "summary": "Då bookar eg {room}, {building}, {when}, for {attendees} personar "
               "(«{purpose}»). Pris: {price}.{requirements} Skal eg booke? (ja/nei)",
    "requires_approval": " Bookinga må godkjennast av ein sakshandsamar.",
    "needs_supervisor": " Utanom ordinær utleigetid krevst tilsynsvakt (inkludert i prisen).",
    "yes": "Ja",
    "no": "Nei",
    "login_needed": "Du må vere logga inn for å booke. Logg inn her, så kan du halde fram: {url}",
    "booked": "Ferdig! Booking nr. {id} er stadfesta: {room}, {building}, {when}. "
              "Du finn ho under Mine bookingar.",
    "requested": "Førespurnad nr. {id} er send: {room}, {building}, {when}. Ein sakshandsamar "
                 "gir deg svar. Du finn han under Mine bookingar.",
    "not_booked": "Han vart ikkje booka: {reason}",
    "what_to_change": "Greitt, då bookar eg ikkje. Vil du endre dag, tid, tal eller rom? "
                      "Eller sei «avbryt».",
    "stopped": "Greitt, eg har stoppa bookinga.",
    "no_bookings": "Du har ingen komande bookingar.",
    "your_bookings": "Dei komande bookingane dine:",
    "booking_line": "Nr. {id}: {room}, {building}, {when} ({status})",
    "cancel_button": "Avbestill nr. {id}",
    "which_booking": "Kva booking vil du avbestille?",
    "confirm_cancel": "Vil du avbestille nr. {id}: {room}, {building}, {when}? (ja/nei)",
    "cancelled": "Nr. {id} er avbestilt. Etter avbestillingsreglane får du att {refund}.",
    "not_cancelled": "Greitt, eg avbestiller ikkje.",
    "hours_intro": "Utleigetider{where}:",
    "hours_regular": "• {days} {span}: ordinær utleige",
    "hours_agreement": "• {days} {span}: etter avtale, med tilsynsvakt ({supervisor} per time)",
    "prices_intro": "Prisar per time for {what}:",
    "price_line": "• {category}: {price}{cleaning}",
    "cleaning": " (+ {fee} vask per gong)",
    "prices_outro": "Tilsynsvakt utanom ordinær tid kostar {supervisor} per time. Leige av "
                    "lokale er friteke for mva.",
    "room_has": "{room}, {building}: plass til {capacity}. Utstyr: {facilities}.",
    "room_has_yes": "Ja, {room} på {building} har {facility}.",
    "room_has_no": "Nei, {room} på {building} har ikkje {facility}.",
    "rooms_with": "Rom med {facility}: {rooms}",
    "which_room": "Kva skule og kva rom lurer du på? Til dømes «aulaen på Jar skule».",
    "rules": "Reglane for {room}, {building}: {rules}\nNøklar og tilgang: {access}",
    "cancellation_policy": "Avbestilling: full refusjon inntil {full} timar før start, {percent} % "
                           "inntil {partial} timar før, deretter ingen refusjon. Du kan "
                           "avbestille her i chatten eller under Mine bookingar.",
    "payment": "Prisen står i stadfestinga; lokale lag for born og unge leiger gratis. Leige av "
               "lokale er friteke for mva. Spørsmål om betaling: {contact}",
    "register_org": "For å booke for eit lag eller ein organisasjon treng vi "
                    "organisasjonsnummeret (9 siffer frå Brønnøysundregistera), namn, "
                    "heimkommune og type organisasjon. Logg inn og registrer organisasjonen, "
                    "eller kontakt oss: {contact}",
}
for _key, _text in NYNORSK.items():
    TEXTS[_key]["nn"] = _text

CATEGORY_NAMES = {
    "children_youth_nonprofit": {"nb": "lokale lag for barn og unge",
                                 "nn": "lokale lag for born og unge",
                                 "en": "local children's and youth groups"},
    "other_nonprofit": {"nb": "andre lokale lag og foreninger",
                        "nn": "andre lokale lag og foreiningar",
                        "en": "other local non-profits"},
    "private": {"nb": "privatpersoner og lag fra andre kommuner",
                "nn": "privatpersonar og lag frå andre kommunar",
                "en": "private persons and groups from elsewhere"},
    "commercial": {"nb": "næringsliv", "nn": "næringsliv", "en": "businesses"},
}
STATUS_NAMES = {
    "confirmed": {"nb": "bekreftet", "nn": "stadfesta", "en": "confirmed"},
    "pending_approval": {"nb": "venter på godkjenning", "nn": "ventar på godkjenning",
                         "en": "awaiting approval"},
    "pending_payment": {"nb": "venter på betaling", "nn": "ventar på betaling",
                        "en": "awaiting payment"},
}
WEEKDAY_SPANS = {"nb": ["man", "tir", "ons", "tor", "fre", "lør", "søn"],
                 "nn": ["mån", "tys", "ons", "tor", "fre", "lau", "sun"],
                 "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


def say(key: str, language: str, **values: object) -> str:
    text = TEXTS[key].get(language) or TEXTS[key]["nb"]
    return text.format(**values)


def kroner(ore: int, language: str) -> str:
    if ore == 0:
        return say("free", language)
    amount = f"{ore / 100:,.2f}".replace(",", " ")
    if language == "en":
        return f"NOK {amount}"
    return amount.replace(".", ",") + " kr"
