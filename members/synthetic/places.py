"""Where synthetic twins lie and what their towns and people are called.

The borders are Europe's real land borders (country pairs, with a point near each), so a synthetic
twin faces a real neighbour across a real border; the town and person names are made of parts
typical of each country's language, so they read plausibly and fold (ł, ő, č) as real names do.
None of the generated towns is meant to be a real one.
"""

# "A B latitude longitude": a land border and a point near it.
BORDERS = """
FI RU 61.2 28.8|FI SE 65.8 24.1|FI NO 69.0 26.0|NO SE 63.0 12.3|NO RU 69.7 30.5|EE RU 59.0 27.8
EE LV 57.8 26.0|LV RU 57.0 28.0|LV LT 56.3 24.0|LV BY 55.8 27.5|LT BY 54.5 25.5|LT PL 54.2 23.2
LT RU 54.9 22.0|PL RU 54.35 20.5|PL BY 52.5 23.8|PL UA 50.5 23.9|PL DE 52.3 14.6|PL CZ 50.3 16.5
PL SK 49.4 20.0|DE CZ 50.3 12.5|DE AT 47.7 13.0|DE CH 47.6 8.5|DE FR 48.6 7.8|DE NL 52.0 6.8
DE BE 50.6 6.2|DE LU 49.8 6.5|DE DK 54.8 9.4|CZ SK 48.9 17.8|CZ AT 48.7 15.0|SK HU 48.0 18.8
SK AT 48.2 17.0|SK UA 48.6 22.2|HU AT 47.6 16.6|HU RO 46.8 21.4|HU UA 48.2 22.4|HU RS 46.1 19.7
HU HR 46.0 17.5|HU SI 46.7 16.3|RO MD 47.2 27.9|RO UA 47.9 26.0|RO BG 43.9 25.9|RO RS 44.6 21.6
BG GR 41.4 24.0|BG TR 41.9 26.6|BG RS 43.0 22.6|BG MK 41.9 22.5|GR MK 41.1 22.5|GR AL 40.2 20.6
GR TR 41.1 26.3|SI AT 46.6 14.8|SI IT 45.9 13.6|SI HR 45.7 15.3|HR RS 45.2 19.1|HR BA 45.1 17.5
IT AT 46.9 11.5|IT CH 46.0 8.9|IT FR 43.8 7.5|FR ES 43.3 -1.7|FR BE 50.7 3.2|FR CH 46.2 6.1
FR LU 49.5 6.1|ES PT 41.9 -8.6|NL BE 51.4 4.5|IE GB 54.3 -7.3|UA MD 48.0 28.5|UA BY 51.6 27.0
"""
BORDER_LIST = [
    (a, b, float(lat), float(lon))
    for a, b, lat, lon in (line.split() for line in BORDERS.replace("\n", "|").split("|") if line)
]

ZONES = {
    "AL": "Europe/Tirane", "AT": "Europe/Vienna", "BA": "Europe/Sarajevo", "BE": "Europe/Brussels",
    "BG": "Europe/Sofia", "BY": "Europe/Minsk", "CH": "Europe/Zurich", "CZ": "Europe/Prague",
    "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid", "FI": "Europe/Helsinki", "FR": "Europe/Paris", "GB": "Europe/London",
    "GR": "Europe/Athens", "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin",
    "IT": "Europe/Rome", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "LV": "Europe/Riga",
    "MD": "Europe/Chisinau", "MK": "Europe/Skopje", "NL": "Europe/Amsterdam", "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest",
    "RS": "Europe/Belgrade", "RU": "Europe/Moscow", "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana", "SK": "Europe/Bratislava", "TR": "Europe/Istanbul",
    "UA": "Europe/Kyiv",
}  # fmt: skip


def zone_of(country: str, neighbour: str) -> str:
    """Russia's towns on the Lithuanian and Polish borders keep Kaliningrad's clock."""
    if country == "RU" and neighbour in ("LT", "PL"):
        return "Europe/Kaliningrad"
    return ZONES[country]


# language: (first parts, last parts of town names, first names, family names)
LANGUAGES = {
    "fi": (
        "Kuusi Järvi Koski Lahti Mänty Kivi Ranta Saari Hirvi Lumi Pelto Karhu Kallio",
        "la nen järvi koski lahti salmi vaara niemi mäki joki",
        "Aino Liisa Mikko Juha Sanna Ville Kaisa Timo",
        "Virtanen Korhonen Mäkinen Nieminen Laine Heikkinen Koskinen Järvinen",
    ),
    "et": (
        "Kõrve Rõuge Järve Kase Metsa Vana Mõisa Kivi Sillo",
        "küla mäe maa järve pää vere",
        "Kadri Mari Tõnu Andres Kati Rein",
        "Tamm Saar Sepp Mägi Kask Rebane",
    ),
    "sv": (
        "Björk Sten Lund Ek Strand Norr Sjö Berg Fjäll Ås",
        "by sund vik holm dal berg torp",
        "Anna Erik Karin Lars Maja Nils",
        "Johansson Lindqvist Berg Nyström Holm Ek",
    ),
    "no": (
        "Bjørk Stein Lund Strand Nord Sjø Fjell Elve",
        "vik dal fjord nes by stad",
        "Ingrid Ola Kari Knut Sigrid Arne",
        "Hansen Berg Dahl Haugen Lie Bakken",
    ),
    "da": (
        "Lille Sønder Nørre Vester Øster Skov",
        "by borg lund rup strup holm",
        "Mette Søren Lone Jens Hanne Rasmus",
        "Nielsen Jensen Madsen Kjær Holm Berg",
    ),
    "ru": (
        "Novo Staro Belo Krasno Zeleno Svetlo Bystro Vysoko Lesno Ozerno",
        "gorsk grad polye sk vka dolsk borsk rechye",
        "Irina Sergey Olga Dmitry Natalya Pavel",
        "Ivanov Smirnov Kuznetsov Popov Sokolov Volkov",
    ),
    "uk": (
        "Novo Staro Bilo Zeleno Lisovo Richno",
        "pil ivka horod dolyna ky",
        "Olena Andriy Oksana Taras Iryna Bohdan",
        "Shevchenko Kovalenko Bondarenko Tkachenko Melnyk Kravets",
    ),
    "be": (
        "Navo Stara Bela Zialiona Liasna",
        "hrad sk ichy vichy polle",
        "Alena Siarhei Hanna Andrei Volha Pavel",
        "Kavalenka Novik Karpovich Zhuk Lukashevich",
    ),
    "pl": (
        "Biała Nowa Stara Zielona Wysoka Kamień Brzeg Góra Sosno Łęk",
        "owo ice ów ka no wice sk",
        "Agnieszka Piotr Katarzyna Tomasz Magdalena Łukasz",
        "Nowak Kowalski Wiśniewski Wójcik Kamiński Lewandowska",
    ),
    "cs": (
        "České Nové Horní Dolní Lipo Brezo Kameni Staré",
        "ov any ice ín ná nice",
        "Jana Petr Lucie Tomáš Eva Jiří",
        "Novák Svoboda Dvořák Černý Procházka Kučera",
    ),
    "sk": (
        "Nové Horné Dolné Lipo Brezo Kamen Staré",
        "ovce any ice ín ná nica",
        "Zuzana Peter Mária Ján Lenka Martin",
        "Horváth Kováč Varga Tóth Nagy Baláž",
    ),
    "sl": (
        "Novi Stari Gornji Donji Beli Zlato Bistro Slano",
        "ac ovo ica grad evo ine",
        "Ana Marko Maja Luka Nina Ivan",
        "Novak Horvat Kovač Babić Marić Petrović",
    ),
    "sr": (
        "Novi Stari Gornji Donji Beli Zlato Bistro",
        "ac ovo ica grad evo ine",
        "Jelena Marko Milica Nikola Ivana Stefan",
        "Jovanović Petrović Nikolić Ilić Đorđević",
    ),
    "bg": (
        "Novo Staro Belo Zlato Bistro Gorno Dolno",
        "grad ovo ets ovets ino sko",
        "Maria Georgi Elena Ivan Petya Dimitar",
        "Ivanov Georgiev Dimitrov Petrova Nikolov",
    ),
    "lv": (
        "Valk Ludz Daug Rēz Bausk Tukum Lielā Jaun",
        "a pils ciems muiža ene",
        "Līga Jānis Ilze Andris Inese Māris",
        "Bērziņš Kalniņš Ozols Liepa Krūmiņš Zariņš",
    ),
    "lt": (
        "Vilk Ąžuol Kelm Šiaul Ber Upyt Nauj Sen",
        "iai ava ėnai iškės ynė uva",
        "Rūta Tomas Eglė Jonas Asta Mantas",
        "Kazlauskas Jankauskas Petrauskas Stankevičius",
    ),
    "de": (
        "Frank Neu Alt Wald Rosen Linden Stein Eichen Hohen Grün",
        "burg dorf hausen heim stadt feld bach au",
        "Anna Jürgen Katrin Stefan Sabine Lukas",
        "Müller Schmidt Schneider Fischer Weber Becker",
    ),
    "nl": (
        "Zand Hoog Nieuw Oud Water Berg Bos",
        "dam dijk hoven broek veen zele",
        "Sanne Daan Eva Bram Lotte Pieter",
        "de Vries Jansen Bakker Visser Smit Peeters",
    ),
    "fr": (
        "Beau Mont Ville Font Roche Clair Belle Haut",
        "mont ville court fort val lieu",
        "Camille Julien Claire Nicolas Sophie Mathieu",
        "Martin Bernard Dubois Lefèvre Moreau",
    ),
    "it": (
        "Castel Monte Borgo Villa Ponte Rocca",
        "franco nuovo alto vecchio lago fiore",
        "Giulia Marco Chiara Luca Francesca Matteo",
        "Rossi Bianchi Romano Colombo Ricci",
    ),
    "es": (
        "Villa Puebla Torre Valle Ribera",
        "nueva real alta verde franca",
        "Lucía Javier María Carlos Elena Pablo",
        "García Fernández López Martínez Sánchez",
    ),
    "pt": (
        "Vila Torre Vale Ribeira Monte",
        "nova real alta verde franca",
        "Ana João Inês Pedro Marta Tiago",
        "Silva Santos Ferreira Pereira Costa Oliveira",
    ),
    "ro": (
        "Câmp Vale Dealu Sighet Bistr Turnu Piatra",
        "eni ești ița ani ul",
        "Ioana Andrei Elena Mihai Ana Radu",
        "Popescu Ionescu Popa Stan Dumitru Munteanu",
    ),
    "hu": (
        "Szent Kis Nagy Fehér Tisza Duna Baja Vörös",
        "falva vár háza egyháza halom szeg",
        "Eszter Gábor Katalin László Zsófia Bence",
        "Nagy Kovács Tóth Szabó Horváth Varga",
    ),
    "el": (
        "Nea Palaio Ano Kato Agios Kala",
        "polis chori kastro vrysi lofos",
        "Maria Giorgos Eleni Nikos Sofia Dimitris",
        "Papadopoulos Georgiou Nikolaou Ioannou",
    ),
    "tr": (
        "Yeni Eski Kara Ak Kızıl Uzun",
        "köy pınar dere kale ova",
        "Ayşe Mehmet Elif Mustafa Zeynep Emre",
        "Yılmaz Kaya Demir Şahin Çelik Öztürk",
    ),
    "sq": (
        "Kor Bil Ersek Leskov Përmet",
        "ë isht ovë an aj",
        "Ana Arben Elira Besnik Drita Gentian",
        "Hoxha Shehu Dervishi Krasniqi Leka",
    ),
    "en": (
        "Bally Kil Dun Carrick Ennis Rath",
        "more beg glass keel ross ford",
        "Siobhán Patrick Aoife Ciarán Niamh Seán",
        "Murphy Kelly O'Brien Byrne Walsh Doyle",
    ),
}
COUNTRY_LANGUAGE = {
    "AL": "sq", "AT": "de", "BA": "sl", "BE": "nl", "BG": "bg", "BY": "be", "CH": "de",
    "CZ": "cs", "DE": "de", "DK": "da", "EE": "et", "ES": "es", "FI": "fi", "FR": "fr",
    "GB": "en", "GR": "el", "HR": "sl", "HU": "hu", "IE": "en", "IT": "it", "LT": "lt",
    "LU": "fr", "LV": "lv", "MD": "ro", "MK": "bg", "NL": "nl", "NO": "no", "PL": "pl",
    "PT": "pt", "RO": "ro", "RS": "sr", "RU": "ru", "SE": "sv", "SI": "sl", "SK": "sk",
    "TR": "tr", "UA": "uk",
}  # fmt: skip
# Countries whose towns write their own names in Cyrillic.
CYRILLIC = {"BG", "BY", "MK", "RS", "RU", "UA"}
LATIN_TO_CYRILLIC = [
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
    ("ya", "я"), ("yu", "ю"), ("ye", "е"),
    *zip("abvgdeziyklmnoprstufhcj", "абвгдезийклмнопрстуфхцй", strict=True),
]  # fmt: skip


def cyrillic(name: str) -> str:
    """A rough transliteration, for the native name of a town named in Cyrillic."""
    out, text, i = [], name.lower(), 0
    while i < len(text):
        for latin, letter in LATIN_TO_CYRILLIC:
            if text.startswith(latin, i):
                out.append(letter)
                i += len(latin)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out).capitalize()


def town_name(rng, country: str) -> str:
    first, last, _people, _families = LANGUAGES[COUNTRY_LANGUAGE[country]]
    return rng.choice(first.split()) + rng.choice(last.split())


def native_name(name: str, country: str) -> str:
    return cyrillic(name) if country in CYRILLIC else name


def person_name(rng, country: str) -> str:
    _first, _last, people, families = LANGUAGES[COUNTRY_LANGUAGE[country]]
    return f"{rng.choice(people.split())} {rng.choice(families.split())}"
