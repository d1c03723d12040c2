"""Every word printed on a slip, in Finnish, Swedish and English.

They live in one table so that moving them into gettext catalogues later is one mechanical step.
Plain language (selkokieli): short sentences, no abbreviations a stressed reader has to decode.
"""

from __future__ import annotations

from datetime import datetime

SLIP_LANGUAGES = ("fi", "sv", "en")

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "ticket_title": "Vuoronumerosi",
        "taken_at": "Otettu klo {time}",
        "ahead_none": "Olet seuraavana vuorossa",
        "ahead_one": "1 henkilö ennen sinua",
        "ahead_many": "{count} henkilöä ennen sinua",
        "wait_soon": "Vuorosi tulee pian",
        "wait_minutes": "Odotus noin {minutes} min",
        "ticket_calm": "Istu rauhassa. Numerosi näkyy näytöllä.",
        "help_title": "Apupyyntö",
        "resume_code": "Säilytä paluukoodi:",
        "topic": "Aihe: {topic}",
        "bring": "Ota mukaan:",
        "guide": "Ohje puhelimeen:",
        "help_calm": "Auttaja kutsuu numerosi. Odota rauhassa.",
        "test_title": "Tulostimen testisivu",
        "test_sample": "Merkistön testi:",
        "test_scan": "Koodin pitää avautua puhelimella.",
        "test_profile": "Profiili: {value}",
        "test_paper": "Paperi: {mm} mm, {dots} pistettä, {columns} merkkiä",
        "test_code_page": "Merkistö: {value}",
        "test_qr": "QR-koodi: {value}",
        "test_connection": "Yhteys: {value}",
        "test_printed": "Tulostettu: {value}",
        "time": "{hour}.{minute:02d}",
    },
    "sv": {
        "ticket_title": "Ditt könummer",
        "taken_at": "Tagen kl. {time}",
        "ahead_none": "Du står näst i tur",
        "ahead_one": "1 person före dig",
        "ahead_many": "{count} personer före dig",
        "wait_soon": "Snart är det din tur",
        "wait_minutes": "Väntetid cirka {minutes} min",
        "ticket_calm": "Sitt ner i lugn och ro. Ditt nummer syns på skärmen.",
        "help_title": "Begäran om hjälp",
        "resume_code": "Spara returkoden:",
        "topic": "Ämne: {topic}",
        "bring": "Ta med dig:",
        "guide": "Anvisning till telefonen:",
        "help_calm": "Hjälparen ropar upp ditt nummer. Vänta i lugn och ro.",
        "test_title": "Testsida för skrivaren",
        "test_sample": "Test av tecken:",
        "test_scan": "Koden ska öppnas med en telefon.",
        "test_profile": "Profil: {value}",
        "test_paper": "Papper: {mm} mm, {dots} punkter, {columns} tecken",
        "test_code_page": "Teckentabell: {value}",
        "test_qr": "QR-kod: {value}",
        "test_connection": "Anslutning: {value}",
        "test_printed": "Utskriven: {value}",
        "time": "{hour}.{minute:02d}",
    },
    "en": {
        "ticket_title": "Your number",
        "taken_at": "Taken at {time}",
        "ahead_none": "You are next",
        "ahead_one": "1 person ahead of you",
        "ahead_many": "{count} people ahead of you",
        "wait_soon": "Your turn comes soon",
        "wait_minutes": "Wait about {minutes} min",
        "ticket_calm": "Take a seat. Your number will show on the screen.",
        "help_title": "Help request",
        "resume_code": "Keep your return code:",
        "topic": "Topic: {topic}",
        "bring": "Bring with you:",
        "guide": "Guide for your phone:",
        "help_calm": "A helper will call your number. Take your time.",
        "test_title": "Printer test page",
        "test_sample": "Character test:",
        "test_scan": "The code should open on a phone.",
        "test_profile": "Profile: {value}",
        "test_paper": "Paper: {mm} mm, {dots} dots, {columns} columns",
        "test_code_page": "Code page: {value}",
        "test_qr": "QR code: {value}",
        "test_connection": "Connection: {value}",
        "test_printed": "Printed: {value}",
        "time": "{hour}:{minute:02d}",
    },
}


def slip_text(language: str, key: str, **values: object) -> str:
    return TEXTS[language][key].format(**values)


def slip_time(language: str, moment: datetime) -> str:
    return slip_text(language, "time", hour=moment.hour, minute=moment.minute)


def people_ahead(language: str, count: int) -> str:
    if count <= 0:
        return slip_text(language, "ahead_none")
    if count == 1:
        return slip_text(language, "ahead_one")
    return slip_text(language, "ahead_many", count=count)


def estimated_wait(language: str, minutes: int) -> str:
    if minutes <= 0:
        return slip_text(language, "wait_soon")
    return slip_text(language, "wait_minutes", minutes=minutes)
