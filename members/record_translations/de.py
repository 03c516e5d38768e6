"""The record in German (the portal's words: Städtezwilling, Kooperationsbereich, der Verein;
the association's name stays the brand, "die City Twins Association")."""

SECTORS = {
    "city-administrations": "Zusammenarbeit der Stadtverwaltungen",
    "industrial-development": "Lokale Wirtschaftsentwicklung",
    "labour-mobility": "Förderung der Arbeitskräftemobilität",
    "social-and-health": "Soziales und Gesundheit",
    "border-crossing": "Grenzübertritt",
    "education-and-training": "Bildung und Ausbildung",
    "culture": "Kulturelle Zusammenarbeit",
    "third-sector": "Zusammenarbeit des Dritten Sektors und der Bürgerinnen und Bürger",
    "twins-interests": "Vertretung der Interessen der Städtezwillinge auf nationaler und EU-Ebene",
}

ASSOCIATION = {
    "origin": (
        "Die City Twins Association wurde im Dezember 2006 als Ergebnis des Projekts City Twins "
        "Cooperation Network (2004–2006) gegründet."
    ),
    "summary": (
        "Die City Twins Association verbindet Paare von Grenzstädten – Städtezwillinge – an den "
        "Binnen- und Außengrenzen der Europäischen Union in Nordosteuropa. Der im Dezember 2006 "
        "aus dem Projekt City Twins Cooperation Network (2004–2006) hervorgegangene Verein "
        "entwickelt die Zusammenarbeit der Städtezwillinge, damit jedes Paar von den guten "
        "Praxisbeispielen der anderen lernen, ihre Fehler vermeiden und zu einer Region "
        "zusammenwachsen kann, die ihren Einwohnerinnen und Einwohnern, Unternehmen und "
        "Organisationen besondere Lösungen bietet."
    ),
    "background": (
        "Die Städtezwillinge, die Mitglieder der City Twins Association (CTA) sind, liegen in "
        "Nordosteuropa an den Binnen- und Außengrenzen der Europäischen Union. Die "
        "Städtezwillinge sind in vieler Hinsicht zusammengewachsen. Trotz der Nähe verläuft "
        "zwischen ihnen immer die Grenze zweier Staaten, die die Beziehungen zwischen den Städten "
        "prägt.\n\n"
        "In vielen Städtezwillingen hat man aktiv versucht, die Hindernisse für die gegenseitige "
        "Zusammenarbeit zu beseitigen, doch besonders an der Ostgrenze der EU erscheint die Lage "
        "recht schwierig. In diesen Regionen erschwert ein starkes Wohlstandsgefälle die "
        "Beziehungen zwischen den Städtezwillingen und ihren Einwohnern erheblich. "
        "Unterschiedliche Bedingungen und Verfahrensweisen in Sozial-, Gesundheits- und "
        "Sicherheitsfragen verursachen praktische Probleme. Deshalb muss der Grenzverkehr recht "
        "streng begrenzt und kontrolliert werden.\n\n"
        "Um das Knäuel der Probleme zu entwirren, bedarf es breiter Zusammenarbeit und großen "
        "Einsatzes. Die Probleme der Zusammenarbeit zwischen Städtezwillingen lassen sich am "
        "wirksamsten lösen, wenn Städtepaare in unterschiedlichen Entwicklungsstadien als breites "
        "Netzwerk gemeinsam Verfahrensweisen aufbauen, die auf bewährter Praxis beruhen.\n\n"
        "Tornio und Haparanda an der finnisch-schwedischen Grenze sind das beste Beispiel für die "
        "erfolgreiche Zusammenarbeit und gemeinsame Entwicklung eines Städtepaares. In diesen "
        "beiden Städten werden viele kommunale Dienstleistungen in Zusammenarbeit von Städten "
        "zweier Staaten erbracht. Dieses konkrete Beispiel hat nachhaltige Ergebnisse erzielt und "
        "bewiesen, dass eine solche Zusammenarbeit und gemeinsame Entwicklung für Städtepaare "
        "äußerst nützlich und für beide Seiten wichtig ist.\n\n"
        "Bewährte Praxis zu ermitteln und im wirklichen wirtschaftlichen und gesellschaftlichen "
        "Leben umzusetzen, sind die wichtigsten Ziele, die die Partner im Verein erreichen "
        "können. Zugleich gibt das Offenlegen schlechter oder nutzloser Praxis den "
        "Kooperationspartnern eine hervorragende Gelegenheit, Fehler und Zeitverlust zu vermeiden, "
        "wenn sie in ihrem Umfeld neue Strategien und Instrumente einführen."
    ),
    "main_goal": (
        "Hauptziel des gegründeten Vereins ist es, durch die Entwicklung der Zusammenarbeit und "
        "Vernetzung der Städtezwillinge die Erfahrungen verschiedener Städtepaare in gemeinsamer "
        "Tätigkeit zu nutzen und die Städtezwillinge zu wachsenden Regionen zu entwickeln, die "
        "Einwohnerinnen und Einwohnern, Unternehmen und anderen Organisationen, die sich in der "
        "Region ansiedeln, besondere Lösungen bieten. Ein solcher Rahmen kann künftig ein "
        "vielseitiger Kanal des Austauschs und ein gemeinsames Forum für verschiedene Bereiche der "
        "kommunalen Verwaltung sein."
    ),
}

PURPOSES = [
    "Thematisierung der für die Mitglieder typischen Probleme auf nationaler und internationaler "
    "Ebene",
    "Förderung der interregionalen Zusammenarbeit in Europa",
    "Verringerung der Unterschiede im Lebensstandard der Mitglieder",
    "Förderung der aktiven Bürgerschaft der Mitglieder",
    "Förderung guter Nachbarschaft und der Multikulturalität zwischen den Mitgliedern",
    "Abbau der Hindernisse für die grenzüberschreitende Zusammenarbeit der Mitgliedsorganisationen",
    "Aufbau von Netzwerken zwischen den mit der Tätigkeit des Vereins verbundenen Akteuren",
    "Aufbau und Pflege guter und enger Beziehungen zwischen den Mitgliedern",
    "Anregung von Jugend-, Studierenden-, Kultur- und anderen Austauschen zwischen den "
    "Mitgliedsorganisationen",
    "Förderung von gegenseitigem Respekt, Zusammenhalt und Verständnis unter den Mitgliedern und "
    "Mitgliedsorganisationen",
    "Stärkung der lokalen Identität der Mitglieder",
    "Vermittlung der bewährten Praxis der Mitglieder an verschiedenste Interessengruppen",
    "Förderung des Austauschs von Erfahrungen, neuen Ideen und Ansichten",
]

OBJECTIVES = [
    "gemeinsame Treffen von Vertreterinnen und Vertretern der EU, anderer Organisationen, der "
    "Kommunen, des Kulturlebens, der Wirtschaft usw. veranstalten",
    "ein Forum für die Entwicklung und Verwaltung von Projekten mehrerer Partner schaffen sowie "
    "ein Forum, in dem die bewährte Praxis dieser Partner vorgestellt wird",
    "mehrjährige Projekte der Mitgliedsorganisationen und den Erfahrungsaustausch über lokale "
    "Projekte unter den Mitgliedsorganisationen fördern",
    "Projekte im Rahmen des Vereinszwecks verwalten und leiten",
    "Informationsarbeit leisten und Veröffentlichungen herausgeben",
    "die tatsächlichen Probleme der Mitgliedsstädte klären und analysieren",
    "Initiativen zur Verbesserung der Lebensbedingungen der Bürgerinnen und Bürger ergreifen",
    "Projekte entwickeln, koordinieren und Finanzierung für sie suchen",
]
