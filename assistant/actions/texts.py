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
              "eller en annen skole (for eksempel «heller torsdag»).",
        "en": "I found no free rooms {when} that fit. Try another day or time, or another school "
              "(for example «Thursday instead»).",
    },
    "flag_approval": {"nb": "må godkjennes", "en": "needs approval"},
    "flag_supervisor": {"nb": "med tilsynsvakt", "en": "with a supervisor"},
    "free": {"nb": "gratis", "en": "free"},
    "summary": {
        "nb": "Da booker jeg {room}, {building}, {when}, for {attendees} personer "
              "(«{purpose}»). Pris: {price}.{requirements} {question}",
        "en": "I'll book {room}, {building}, {when}, for {attendees} people "
              "(«{purpose}»). Price: {price}.{requirements} {question}",
    },
    "weekly_when": {
        "nb": "hver {weekday} kl. {start}–{end} fra {first} til {last} ({dates} datoer)",
        "en": "every {weekday}, {start}–{end}, from {first} to {last} ({dates} dates)",
    },
    "skip_taken": {"nb": "opptatt", "en": "taken"},
    "skip_closed": {"nb": "stengt", "en": "closed"},
    "skip_public_holiday": {"nb": "helligdag", "en": "public holiday"},
    "skip_outside_rental_hours": {"nb": "utenfor utleietiden", "en": "outside rental hours"},
    "skipped_dates": {
        "nb": " {count} datoer kan ikke bookes og hoppes over: {dates}.",
        "en": " {count} dates cannot be booked and are skipped: {dates}.",
    },
    "requires_approval": {
        "nb": " Bookingen må godkjennes av en saksbehandler.",
        "en": " A case officer must approve the booking.",
    },
    "needs_supervisor": {
        "nb": " Utenom ordinær utleietid kreves tilsynsvakt (inkludert i prisen).",
        "en": " Outside regular rental hours a supervisor is required (included in the price).",
    },
    "shall_i_book": {"nb": "Skal jeg booke? (ja/nei)", "en": "Shall I book it? (yes/no)"},
    "book_for_whom": {"nb": "Skal jeg booke, og for hvem?", "en": "Shall I book it, and for whom?"},
    "which_for_whom": {"nb": "For hvem skal jeg booke? Pris: {prices}.",
                       "en": "Who is the booking for? Price: {prices}."},
    "price_for": {"nb": "{price} for {organisation}", "en": "{price} for {organisation}"},
    "price_private": {"nb": "{price} privat", "en": "{price} privately"},
    "yes_for": {"nb": "Ja, for {organisation}", "en": "Yes, for {organisation}"},
    "yes_private": {"nb": "Ja, privat", "en": "Yes, privately"},
    "booked_for": {"nb": " Bookingen gjelder {organisation}.",
                   "en": " The booking is for {organisation}."},
    "category_needs_organisation": {
        "nb": " Prisen for {category} gjelder bare når du booker for et slikt lag som du er "
              "medlem av, med godkjent kategori.",
        "en": " The price for {category} applies only when you book for such a group that you "
              "are a member of, with its category approved.",
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
    "reserved_to_pay": {
        "nb": "Booking nr. {id} er reservert: {room}, {building}, {when}. Den er bekreftet når "
              "den er betalt: betal {amount} med kort innen kl. {time} her: {url} Ellers blir "
              "rommet ledig for andre igjen.",
        "en": "Booking no. {id} is reserved: {room}, {building}, {when}. It is confirmed once "
              "it is paid: pay {amount} by card by {time} here: {url} After that the room is "
              "free for others again.",
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
              "people or room? Or say «stop».",
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
    "coming_question": {
        "nb": "Du har booket {room}, {building}, {when}. Kommer dere? Hvis ikke, frigir jeg "
              "rommet nå, så andre kan bruke det.",
        "en": "You have booked {room}, {building}, {when}. Are you coming? If not, I'll release "
              "the room now so that others can use it.",
    },
    "coming_button": {"nb": "Ja, vi kommer", "en": "Yes, we're coming"},
    "release_button": {"nb": "Nei, frigi rommet", "en": "No, release the room"},
    "coming_thanks": {"nb": "Flott, da står bookingen. Hva kan jeg ellers hjelpe med?",
                      "en": "Great, the booking stands. What else can I help with?"},
    "released": {
        "nb": "Frigitt: {when} av nr. {id}. Takk for at du sa fra! Etter avbestillingsreglene "
              "får du tilbake {refund}.",
        "en": "Released: {when} of no. {id}. Thank you for letting us know! Under the "
              "cancellation policy you get back {refund}.",
    },
    "series_line": {"nb": "{weekday} {start}–{end}, neste gang {next} ({count} datoer igjen)",
                    "en": "{weekday}s {start}–{end}, next on {next} ({count} dates left)"},
    "more_bookings": {"nb": "… og {count} til. Alle står under Mine bookinger: {url}",
                      "en": "… and {count} more. All of them are under My bookings: {url}"},
    "which_dates": {
        "nb": "Nr. {id} er en ukentlig booking med {count} datoer igjen. Vil du avbestille én "
              "dato eller alle? Du kan også skrive datoen.",
        "en": "No. {id} is a weekly booking with {count} dates left. Do you want to cancel one "
              "date or all of them? You can also write the date.",
    },
    "only_date_button": {"nb": "Bare {date}", "en": "Only {date}"},
    "all_dates_button": {"nb": "Alle {count} datoene", "en": "All {count} dates"},
    "confirm_cancel_date": {
        "nb": "Vil du avbestille {when} av nr. {id} ({room}, {building})? De andre datoene "
              "beholder du. (ja/nei)",
        "en": "Do you want to cancel {when} of no. {id} ({room}, {building})? You keep the "
              "other dates. (yes/no)",
    },
    "cancelled_date": {
        "nb": "{when} av nr. {id} er avbestilt; de andre datoene står. Etter "
              "avbestillingsreglene får du tilbake {refund}.",
        "en": "{when} of no. {id} is cancelled; the other dates stay. Under the cancellation "
              "rules you get back {refund}.",
    },
    "field_day": {"nb": "datoen", "en": "the date"},
    "field_start": {"nb": "starttidspunktet", "en": "the start time"},
    "field_end": {"nb": "sluttidspunktet", "en": "the end time"},
    "field_attendees": {"nb": "antall personer", "en": "the number of people"},
    "field_room_type": {"nb": "romtypen", "en": "the type of room"},
    "field_facility": {"nb": "utstyret", "en": "the equipment"},
    "field_area": {"nb": "området", "en": "the area"},
    "field_building": {"nb": "skolen", "en": "the school"},
    "field_category": {"nb": "priskategorien", "en": "the price category"},
    "field_room_id": {"nb": "rommet", "en": "the room"},
    "field_purpose": {"nb": "formålet", "en": "the purpose"},
    "field_request": {"nb": "det du ba om", "en": "what you asked for"},
    "could_not_use": {"nb": "Dette kunne jeg ikke bruke: {what}.",
                      "en": "I could not use this: {what}."},
    "unknown_place": {
        "nb": "Jeg finner ingen skole eller område som heter «{name}», så jeg ser på alle "
              "skolene. Skriv navnet på nytt hvis du mente en bestemt skole.",
        "en": "I can't find a school or area called «{name}», so I'm looking at all the "
              "schools. Write the name again if you meant a particular school.",
    },
    "as_before": {"nb": "Som sist: {values}.", "en": "As last time: {values}."},
    "at_time": {"nb": "kl. {span}", "en": "{span}"},
    "n_people": {"nb": "{n} personer", "en": "{n} people"},
    "area_named": {"nb": "området {area}", "en": "the {area} area"},
    "why_no_rooms": {
        "nb": "Da var alle rommene som passer, opptatt eller stengt (skolene er stengt i "
              "ferier og på helligdager). Prøv en annen dag, et annet tidspunkt eller en "
              "annen skole, for eksempel «heller torsdag» eller «19-21».",
        "en": "Then every room that fits was taken or closed (the schools close in the holidays "
              "and on public holidays). Try another day, time or school, for example «Thursday "
              "instead» or «7 to 9 pm».",
    },
    "why_general": {
        "nb": "Jeg ser bare det bookingsystemet viser. Si dag og tid, så finner jeg ledige rom, "
              "for eksempel «gymsal på Jar skole neste tirsdag 18-20».",
        "en": "I only see what the booking system shows. Tell me a day and a time and I'll find "
              "free rooms, for example «kitchen next Tuesday 6 to 8 pm».",
    },
    "past_day": {"nb": "Den dagen har vært. Hvilken dag gjelder det?",
                 "en": "That day has passed. Which day is it for?"},
    "end_before_start": {"nb": "Sluttiden må være etter {start}. Til hvilket klokkeslett?",
                         "en": "The end must be after {start}. Until what time?"},
    "still_asking": {
        "nb": "Jeg trenger fortsatt svar på dette: {question} Skriv «avbryt» hvis du vil "
              "stoppe bookingen.",
        "en": "I still need an answer to this: {question} Write «stop» if you want to stop "
              "the booking.",
    },
    "what_to_change_again": {
        "nb": "Skriv hva du vil endre, for eksempel «heller torsdag», «19-21» eller «vi blir "
              "30». Eller skriv «avbryt».",
        "en": "Write what you'd like to change, for example «Thursday instead», «7 to 9 pm» or "
              "«we are 30». Or write «stop».",
    },
    "nothing_to_stop": {"nb": "Greit. Er det noe annet jeg kan hjelpe med?",
                        "en": "All right. Is there anything else I can help with?"},
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
    # No school named: the rules for that kind of room, without naming a school.
    "rules_general": {"nb": "Reglene for {what}: {rules}\nNøkler og adgang: {access}",
                      "en": "The rules for {what} (in Norwegian): {rules}\n"
                            "Keys and access: {access}"},
    "rooms_in_general": {"nb": "lokalene", "en": "the premises"},
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
    # Staff ask too (actions/staff.py).
    "staff_only_visitors": {
        "nb": "Oversikten over hvem som kommer til en skole, er for vaktmestere og "
              "saksbehandlere. Jeg kan gjerne hjelpe deg med å finne et ledig rom eller vise "
              "bookingene dine.",
        "en": "The list of who comes to a school is for caretakers and case officers. I'm happy "
              "to help you find a free room or show your bookings.",
    },
    "staff_only_queue": {
        "nb": "Køen av søknader som venter på godkjenning, er for saksbehandlere. Bookingene "
              "dine og statusen deres kan jeg gjerne vise deg.",
        "en": "The queue of requests waiting for approval is for case officers. I'm happy to "
              "show you your own bookings and their status.",
    },
    "which_building": {"nb": "Hvilken skole gjelder det? For eksempel «hvem kommer til Jar "
                             "skole i kveld?».",
                       "en": "Which school? For example «who is coming to Jar skole tonight?»."},
    "no_buildings_of_yours": {"nb": "Du står ikke som vaktmester for noen skole ennå. Spør "
                                    "en saksbehandler om å bli lagt til.",
                              "en": "You are not listed as the caretaker of any school yet. "
                                    "Ask a case officer to add you."},
    "not_your_building": {"nb": "Du er ikke vaktmester på {building}, så den listen kan jeg "
                                "ikke vise deg.",
                          "en": "You are not the caretaker of {building}, so I can't show you "
                                "that list."},
    "no_visitors": {"nb": "Ingen har booket {building} {when}.",
                    "en": "Nobody has booked {building} on {when}."},
    "visitors_intro": {"nb": "Dette kommer til {building} {when}:",
                       "en": "Coming to {building} on {when}:"},
    "visit_cancelled": {"nb": "AVLYST", "en": "CANCELLED"},
    "day_sheet_link": {"nb": "Hele dagslisten: {url}", "en": "The full day sheet: {url}"},
    "queue_empty": {"nb": "Ingen søknader venter på godkjenning nå.",
                    "en": "No requests are waiting for approval right now."},
    "queue_intro": {"nb": "{count} søknader venter på godkjenning (eldst først):",
                    "en": "{count} requests are waiting for approval (oldest first):"},
    "queue_more": {"nb": "… og {count} til.", "en": "… and {count} more."},
    "queue_closed_dates": {"nb": "{{count}} dato(er) i en stengt periode",
                           "en": "{{count}} date(s) in a closure"},
    "queue_own": {"nb": "din egen: en annen saksbehandler avgjør",
                  "en": "your own: another case officer decides"},
    "queue_link": {"nb": "Du avgjør dem på {url}", "en": "You decide them at {url}"},
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
                "eller ein annan skule (til dømes «heller torsdag»).",
    "flag_approval": "må godkjennast",
    "flag_supervisor": "med tilsynsvakt",
    "free": "gratis",
    "summary": "Då bookar eg {room}, {building}, {when}, for {attendees} personar "
               "(«{purpose}»). Pris: {price}.{requirements} {question}",
    "weekly_when": "kvar {weekday} kl. {start}–{end} frå {first} til {last} ({dates} datoar)",
    "skip_taken": "oppteke",
    "skip_closed": "stengt",
    "skip_public_holiday": "heilagdag",
    "skip_outside_rental_hours": "utanfor utleigetida",
    "skipped_dates": " {count} datoar kan ikkje bookast og vert hoppa over: {dates}.",
    "requires_approval": " Bookinga må godkjennast av ein sakshandsamar.",
    "needs_supervisor": " Utanom ordinær utleigetid krevst tilsynsvakt (inkludert i prisen).",
    "shall_i_book": "Skal eg booke? (ja/nei)",
    "book_for_whom": "Skal eg booke, og for kven?",
    "which_for_whom": "For kven skal eg booke? Pris: {prices}.",
    "price_for": "{price} for {organisation}",
    "price_private": "{price} privat",
    "yes_for": "Ja, for {organisation}",
    "yes_private": "Ja, privat",
    "booked_for": " Bookinga gjeld {organisation}.",
    "category_needs_organisation": " Prisen for {category} gjeld berre når du bookar for eit "
                                   "slikt lag som du er medlem av, med godkjend kategori.",
    "coming_question": "Du har booka {room}, {building}, {when}. Kjem de? Viss ikkje, frigjer eg "
                       "rommet no, så andre kan bruke det.",
    "coming_button": "Ja, vi kjem",
    "release_button": "Nei, frigjer rommet",
    "coming_thanks": "Flott, då står bookinga. Kva kan eg elles hjelpe med?",
    "released": "Frigjort: {when} av nr. {id}. Takk for at du sa frå! Etter "
                "avbestillingsreglane får du tilbake {refund}.",
    "yes": "Ja",
    "no": "Nei",
    "login_needed": "Du må vere logga inn for å booke. Logg inn her, så kan du halde fram: {url}",
    "booked": "Ferdig! Booking nr. {id} er stadfesta: {room}, {building}, {when}. "
              "Du finn ho under Mine bookingar.",
    "reserved_to_pay": "Booking nr. {id} er reservert: {room}, {building}, {when}. Ho er "
                       "stadfesta når ho er betalt: betal {amount} med kort innan kl. {time} "
                       "her: {url} Elles blir rommet ledig for andre igjen.",
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
    "series_line": "{weekday} {start}–{end}, neste gong {next} ({count} datoar att)",
    "more_bookings": "… og {count} til. Alle står under Mine bookingar: {url}",
    "which_dates": "Nr. {id} er ei vekesbooking med {count} datoar att. Vil du avbestille éin "
                   "dato eller alle? Du kan òg skrive datoen.",
    "only_date_button": "Berre {date}",
    "all_dates_button": "Alle dei {count} datoane",
    "confirm_cancel_date": "Vil du avbestille {when} av nr. {id} ({room}, {building})? Dei "
                           "andre datoane held du på. (ja/nei)",
    "cancelled_date": "{when} av nr. {id} er avbestilt; dei andre datoane står. Etter "
                      "avbestillingsreglane får du att {refund}.",
    "field_day": "datoen",
    "field_start": "starttidspunktet",
    "field_end": "sluttidspunktet",
    "field_attendees": "talet på personar",
    "field_room_type": "romtypen",
    "field_facility": "utstyret",
    "field_area": "området",
    "field_building": "skulen",
    "field_category": "priskategorien",
    "field_room_id": "rommet",
    "field_purpose": "føremålet",
    "field_request": "det du bad om",
    "could_not_use": "Dette kunne eg ikkje bruke: {what}.",
    "unknown_place": "Eg finn ingen skule eller område som heiter «{name}», så eg ser på alle "
                     "skulane. Skriv namnet på nytt om du meinte ein bestemd skule.",
    "as_before": "Som sist: {values}.",
    "at_time": "kl. {span}",
    "n_people": "{n} personar",
    "area_named": "området {area}",
    "why_no_rooms": "Då var alle romma som passar, oppteken eller stengde (skulane er stengde i "
                    "feriar og på heilagdagar). Prøv ein annan dag, eit anna tidspunkt eller "
                    "ein annan skule, til dømes «heller torsdag» eller «19-21».",
    "why_general": "Eg ser berre det bookingsystemet viser. Sei dag og tid, så finn eg ledige "
                   "rom, til dømes «gymsal på Jar skule neste tysdag 18-20».",
    "past_day": "Den dagen har vore. Kva dag gjeld det?",
    "end_before_start": "Sluttida må vere etter {start}. Til kva klokkeslett?",
    "still_asking": "Eg treng framleis svar på dette: {question} Skriv «avbryt» om du vil "
                    "stoppe bookinga.",
    "what_to_change_again": "Skriv kva du vil endre, til dømes «heller torsdag», «19-21» eller "
                            "«me blir 30». Eller skriv «avbryt».",
    "nothing_to_stop": "Greitt. Er det noko anna eg kan hjelpe med?",
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
    "rules_general": "Reglane for {what}: {rules}\nNøklar og tilgang: {access}",
    "rooms_in_general": "lokala",
    "cancellation_policy": "Avbestilling: full refusjon inntil {full} timar før start, {percent} % "
                           "inntil {partial} timar før, deretter ingen refusjon. Du kan "
                           "avbestille her i chatten eller under Mine bookingar.",
    "payment": "Prisen står i stadfestinga; lokale lag for born og unge leiger gratis. Leige av "
               "lokale er friteke for mva. Spørsmål om betaling: {contact}",
    "register_org": "For å booke for eit lag eller ein organisasjon treng vi "
                    "organisasjonsnummeret (9 siffer frå Brønnøysundregistera), namn, "
                    "heimkommune og type organisasjon. Logg inn og registrer organisasjonen, "
                    "eller kontakt oss: {contact}",
    "staff_only_visitors": "Oversikta over kven som kjem til ein skule, er for vaktmeistrar "
                           "og sakshandsamarar. Eg kan gjerne hjelpe deg med å finne eit ledig "
                           "rom eller vise bookingane dine.",
    "staff_only_queue": "Køen av søknader som ventar på godkjenning, er for sakshandsamarar. "
                        "Bookingane dine og statusen deira kan eg gjerne vise deg.",
    "which_building": "Kva skule gjeld det? Til dømes «kven kjem til Jar skule i kveld?».",
    "no_buildings_of_yours": "Du står ikkje som vaktmeister for nokon skule enno. Spør ein "
                             "saksbehandlar om å bli lagd til.",
    "not_your_building": "Du er ikkje vaktmeister på {building}, så den lista kan eg ikkje "
                         "vise deg.",
    "no_visitors": "Ingen har booka {building} {when}.",
    "visitors_intro": "Dette kjem til {building} {when}:",
    "visit_cancelled": "AVLYST",
    "day_sheet_link": "Heile dagslista: {url}",
    "queue_empty": "Ingen søknader ventar på godkjenning no.",
    "queue_intro": "{count} søknader ventar på godkjenning (eldst først):",
    "queue_more": "… og {count} til.",
    "queue_closed_dates": "{{count}} dato(ar) i ein stengd periode",
    "queue_own": "di eiga: ein annan sakshandsamar avgjer",
    "queue_link": "Du avgjer dei på {url}",
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
