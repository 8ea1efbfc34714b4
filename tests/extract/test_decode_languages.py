"""Single-byte code pages chosen by the language the text is in: Turkish in Windows-1254 came
out as cp1252 mojibake ("kalabalýk"); Greek, Cyrillic and Western copy keep decoding right."""

from __future__ import annotations

import pytest

from desktop.extract.decode import decode

TURKISH = (
    "Ticaret Bakanlığı, ihracat kontrollerinin sıkılaştırılacağını açıkladı. Bakan, "
    "İstanbul'daki toplantıda kalabalık bir heyete hitap etti ve çip üreticilerinin "
    "lisans başvurularının üç hafta içinde sonuçlanacağını söyledi."
)
GREEK = (
    "Το Υπουργείο Εμπορίου ανακοίνωσε αυστηρότερους ελέγχους εξαγωγών για τους ημιαγωγούς. "
    "Ο υπουργός μίλησε σε συνάντηση στην Αθήνα και είπε ότι οι αιτήσεις αδειών θα "
    "εξεταστούν μέσα σε τρεις εβδομάδες."
)
RUSSIAN = (
    "Министерство торговли объявило об ужесточении экспортного контроля на полупроводники. "
    "Министр выступил на встрече в Москве и сказал, что заявки на лицензии будут "
    "рассмотрены в течение трёх недель."
)
FRENCH = (
    "Le ministère du Commerce a annoncé un renforcement des contrôles à l'exportation. "
    "Le ministre a déclaré à Paris que les demandes de licence seraient examinées en "
    "trois semaines ; les fabricants de puces réclament « davantage de clarté » — dès l'été."
)
GERMAN = (
    "Das Wirtschaftsministerium kündigte schärfere Exportkontrollen für Halbleiter an. "
    "Der Minister sagte in Berlin, die Anträge würden binnen drei Wochen geprüft; "
    "Hersteller fordern „mehr Klarheit“ über die Maßnahmen."
)
POLISH = (
    "Ministerstwo Handlu ogłosiło zaostrzenie kontroli eksportu półprzewodników. Minister "
    "powiedział w Warszawie, że wnioski o licencje zostaną rozpatrzone w ciągu trzech tygodni."
)
ENGLISH = "Export curbs on “advanced” chips cost €2 billion, café owners in Zürich said."


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (TURKISH, "cp1254"),
        (TURKISH, "iso8859_9"),
        (GREEK, "cp1253"),
        (RUSSIAN, "cp1251"),
        (FRENCH, "cp1252"),
        (GERMAN, "cp1252"),
        (ENGLISH, "cp1252"),
        (POLISH, "cp1250"),
    ],
)
def test_the_code_page_of_the_language_wins(text: str, encoding: str) -> None:
    data = f"Headline\n{text}\n".encode(encoding)
    assert decode(data, "article.txt") == f"Headline\n{text}\n"
