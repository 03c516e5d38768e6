"""The association's record as its brochure gives it.

Corrections to the brochure, kept here on purpose:
- The brochure places Valka in Lithuania ("Valka – Valga (Lithuania – Estonia)"). Valka is in
  Latvia: it is loaded as LV.
- The brochure spells "Slubice" and "Cesky Tiesin"; the cities are Słubice and Český Těšín.
Coordinates are the towns' centres (for the map). Populations are left for the cities to fill in.
"""

import datetime

ASSOCIATION = {
    "name": "City Twins Association",
    "founded_on": datetime.date(2006, 12, 1),
    "origin": (
        "The City Twins association was established in December 2006 as a result of the City "
        "Twins Cooperation Network project (2004–2006)."
    ),
    "summary": (
        "The City Twins Association joins pairs of border towns — city twins — on the inner and "
        "outer borders of the European Union in North-East Europe. Founded in December 2006 out "
        "of the City Twins Cooperation Network project (2004–2006), it develops co-operation "
        "between the twins so that each pair can learn from the others' good practices, avoid "
        "their mistakes, and grow into a region offering special solutions for its inhabitants, "
        "businesses and organisations."
    ),
    "background": (
        "The member city twins of the City Twins Association (CTA) are situated in North East "
        "Europe on inner and outer borders of the European Union. City twins on many basis have "
        "grown together. Despite the nearness, there's always a border of two countries between "
        "them that affects relations between the cities.\n\n"
        "In many city twins the obstacles preventing the mutual co-operation have actively been "
        "tried to remove but especially on the eastern border of the EU the situation appears to "
        "be quite difficult. On these regions the relations between the city twins and their "
        "inhabitants are made far more difficult by a sharp living standard gap. Different "
        "conditions and the ways of action on social, health and safety matters cause practical "
        "problems. Because of that the transferring across the border has to be limited and "
        "controlled quite tightly.\n\n"
        "Wide co-operation and input are needed to disentangle the problem skein. Solving the "
        "cooperation problems between the city twins is most efficient when the city pairs that "
        "are in the different stage of development, build together as a wide network common "
        "ways of action that are based on well-found ways of action.\n\n"
        "Tornio and Haparanda on the border of Finland and Sweden are the best example of "
        "successful co-operation and common development of a city pair. In these two cities many "
        "municipal services are carried out in co-operation between the cities from two "
        "different countries. In this concrete example the sustainable results were achieved, "
        "and proved that such type of cooperation and common development is extremely useful "
        "and mutually important for the city pairs.\n\n"
        "Finding out the best practices and their implementation in real economic and social "
        "life are the most significant goals, which partners can obtain in the association. On "
        "the other hand, exposure of bad or useless practices will provide co-operation partners "
        "an excellent opportunity to avoid mistakes and time wasting while implementing new "
        "policies and instruments in their environment."
    ),
    "main_goal": (
        "The main goal of the created association is, by developing co-operation and networking "
        "between the city twins, to exploit the experiences of different city pairs in joint "
        "operational activity and to develop the city twins into growing regions offering "
        "special solutions for inhabitants, businesses and other organizations establishing to "
        "the area. Such framework can in future be a multiform interaction channel as well as a "
        "joint forum for different sectors in local administration."
    ),
    "secretary_name": "Heikki Laine",
    "secretary_title": "Secretary of City Twins Association",
    "organisation": "City of Imatra",
    "street_address": "Virastokatu 2",
    "postal_code": "55100",
    "locality": "Imatra",
    "country": "FI",
    "phone": "+358 20 617 5345",
    "email": "heikki.laine@imatra.fi",
    "website": "https://www.citytwins.net",
}

PURPOSES = [
    "to raise problems typical of members on national and international level",
    "to promote interregional cooperation in Europe",
    "to level down differences in standards of living of the members",
    "to promote the active citizenship of members",
    "to promote neighborliness and multiculturalism between members",
    "to remove the barriers to cross-border cooperation between member associations",
    "to create networks between parties related to the association's activities",
    "to create and maintain good and close relationships between members",
    "to encourage youth, student, culture and other exchanges between member associations",
    "to promote mutual respect, cohesion and understanding amongst members and member associations",
    "to strengthen local identity of the members",
    "to lobby best practices of the members for different kinds of interesting groups",
    "to promote exchange of experiences, new ideas and views",
]

OBJECTIVES = [
    "arrange joint meetings amongst representatives of the EU, other organizations, local "
    "governments, cultural life, the economic sector, etc.",
    "create a development and administration forum for multi-party projects as well as a forum "
    "for showcasing the best practices of those parties",
    "promote multi-year projects of member associations and the sharing of experiences with "
    "local projects amongst member associations",
    "administer and direct projects related to the association's mission",
    "engage in disseminating information and publishing",
    "clarify and analyze the actual problems of member towns",
    "make initiatives in order to improve living circumstances of the citizens",
    "develop projects, coordinate them and search financing for them",
]

SECTORS = [
    ("city-administrations", "Co-operation between the city administrations"),
    ("industrial-development", "Local industrial development"),
    ("labour-mobility", "Promotion of labour mobility"),
    ("social-and-health", "Social and health issues"),
    ("border-crossing", "Border crossing"),
    ("education-and-training", "Education and training"),
    ("culture", "Cultural co-operation"),
    ("third-sector", "Co-operation of the third sector / citizens"),
    ("twins-interests", "Promotion of the twins' interests at national and EU level"),
]

POLISH_REASON = "Not yet a member because of Polish legislation."
CZECH_REASON = "Has not joined yet, but has expressed its will to cooperate with the network."

# (slug, name, [(slug, name, native name, country, status, status note, latitude, longitude)])
TWINS = [
    (
        "imatra-svetogorsk",
        "Imatra – Svetogorsk",
        [
            ("imatra", "Imatra", "Imatra", "FI", "member", "", "61.17190", "28.75240"),
            ("svetogorsk", "Svetogorsk", "Светогорск", "RU", "member", "", "61.11110", "28.85750"),
        ],
    ),
    (
        "narva-ivangorod",
        "Narva – Ivangorod",
        [
            ("narva", "Narva", "Narva", "EE", "member", "", "59.37720", "28.19030"),
            ("ivangorod", "Ivangorod", "Ивангород", "RU", "member", "", "59.37660", "28.22060"),
        ],
    ),
    (
        "frankfurt-oder-slubice",
        "Frankfurt (Oder) – Słubice",
        [
            (
                "frankfurt-oder",
                "Frankfurt (Oder)",
                "Frankfurt (Oder)",
                "DE",
                "member",
                "",
                "52.34710",
                "14.55060",
            ),
            (
                "slubice",
                "Słubice",
                "Słubice",
                "PL",
                "partner",
                POLISH_REASON,
                "52.35020",
                "14.56060",
            ),
        ],
    ),
    (
        "gorlitz-zgorzelec",
        "Görlitz – Zgorzelec",
        [
            ("gorlitz", "Görlitz", "Görlitz", "DE", "member", "", "51.15280", "14.98720"),
            (
                "zgorzelec",
                "Zgorzelec",
                "Zgorzelec",
                "PL",
                "partner",
                POLISH_REASON,
                "51.15000",
                "15.00830",
            ),
        ],
    ),
    (
        "tornio-haparanda",
        "Tornio – Haparanda",
        [
            ("tornio", "Tornio", "Tornio", "FI", "member", "", "65.84810", "24.14660"),
            ("haparanda", "Haparanda", "Haparanda", "SE", "member", "", "65.83550", "24.13680"),
        ],
    ),
    (
        "valka-valga",
        "Valka – Valga",
        [
            ("valka", "Valka", "Valka", "LV", "member", "", "57.77530", "26.01830"),
            ("valga", "Valga", "Valga", "EE", "member", "", "57.77750", "26.04730"),
        ],
    ),
    (
        "cieszyn-cesky-tesin",
        "Cieszyn – Český Těšín",
        [
            (
                "cieszyn",
                "Cieszyn",
                "Cieszyn",
                "PL",
                "partner",
                POLISH_REASON,
                "49.74960",
                "18.63230",
            ),
            (
                "cesky-tesin",
                "Český Těšín",
                "Český Těšín",
                "CZ",
                "prospective",
                CZECH_REASON,
                "49.74610",
                "18.62610",
            ),
        ],
    ),
]

TWIN_SUMMARIES = {
    "tornio-haparanda": (
        "The association's flagship: many municipal services of Tornio and Haparanda are carried "
        "out in co-operation between the two cities across the Finnish–Swedish border."
    ),
}

# Tornio – Haparanda's shared municipal services, the first entries of their kind.
SHARED_SERVICES = {
    "tornio-haparanda": [
        (
            "Provincia Bothniensis",
            "city-administrations",
            1987,
            "The twin cities' joint body for planning and running common services.",
        ),
        (
            "Joint language school",
            "education-and-training",
            1989,
            "Finnish- and Swedish-speaking children learn together in both languages.",
        ),
        (
            "Shared city centre and tourist information",
            "industrial-development",
            None,
            "The two city centres grow together at the border, with one tourist service for both.",
        ),
        (
            "Cross-border rescue and emergency co-operation",
            "social-and-health",
            None,
            "Rescue services help each other across the border without delay.",
        ),
    ],
}

# Each city's IANA time zone: meetings are entered and shown in the host city's. Tornio and
# Haparanda, one twin, are an hour apart (Finland and Sweden); so are Narva and Ivangorod.
TIME_ZONES = {
    "imatra": "Europe/Helsinki",
    "svetogorsk": "Europe/Moscow",
    "narva": "Europe/Tallinn",
    "ivangorod": "Europe/Moscow",
    "frankfurt-oder": "Europe/Berlin",
    "slubice": "Europe/Warsaw",
    "gorlitz": "Europe/Berlin",
    "zgorzelec": "Europe/Warsaw",
    "tornio": "Europe/Helsinki",
    "haparanda": "Europe/Stockholm",
    "valka": "Europe/Riga",
    "valga": "Europe/Tallinn",
    "cieszyn": "Europe/Warsaw",
    "cesky-tesin": "Europe/Prague",
}

# Names of the cities in languages that have their own (exonyms), shown to readers of that
# language with the city's own name beside it. A language not named here reads the English name.
EXONYMS = {
    "imatra": {"ru": "Иматра"},
    "svetogorsk": {"fi": "Enso", "sv": "Enso", "ru": "Светогорск"},
    "narva": {"ru": "Нарва"},
    "ivangorod": {"et": "Jaanilinn", "fi": "Iivananlinna", "ru": "Ивангород"},
    "frankfurt-oder": {
        "pl": "Frankfurt nad Odrą",
        "cs": "Frankfurt nad Odrou",
        "ru": "Франкфурт-на-Одере",
    },
    "slubice": {"ru": "Слубице"},
    "gorlitz": {"cs": "Zhořelec", "ru": "Гёрлиц"},
    "zgorzelec": {"ru": "Згожелец"},
    "tornio": {"sv": "Torneå", "ru": "Торнио"},
    "haparanda": {"fi": "Haaparanta", "ru": "Хапаранда"},
    "valka": {"ru": "Валка"},
    "valga": {"ru": "Валга"},
    "cieszyn": {"cs": "Těšín", "de": "Teschen", "ru": "Цешин"},
    "cesky-tesin": {"pl": "Czeski Cieszyn", "de": "Tschechisch-Teschen", "ru": "Чески-Тешин"},
}
