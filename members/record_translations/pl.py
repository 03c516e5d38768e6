"""The record in Polish (the portal's words: dwumiasto, obszar współpracy, Stowarzyszenie City
Twins)."""

SECTORS = {
    "city-administrations": "Współpraca administracji miejskich",
    "industrial-development": "Lokalny rozwój gospodarczy",
    "labour-mobility": "Wspieranie mobilności pracowników",
    "social-and-health": "Sprawy społeczne i zdrowotne",
    "border-crossing": "Przekraczanie granicy",
    "education-and-training": "Edukacja i szkolenia",
    "culture": "Współpraca kulturalna",
    "third-sector": "Współpraca trzeciego sektora i obywateli",
    "twins-interests": "Rzecznictwo interesów dwumiast na szczeblu krajowym i unijnym",
}

ASSOCIATION = {
    "origin": (
        "Stowarzyszenie City Twins zostało założone w grudniu 2006 r. w wyniku projektu City Twins "
        "Cooperation Network (2004–2006)."
    ),
    "summary": (
        "Stowarzyszenie City Twins łączy pary miast przygranicznych – dwumiasta – na wewnętrznych "
        "i zewnętrznych granicach Unii Europejskiej w północno-wschodniej Europie. Założone w "
        "grudniu 2006 r. na bazie projektu City Twins Cooperation Network (2004–2006), rozwija "
        "współpracę między dwumiastami, tak aby każda para mogła czerpać z dobrych praktyk "
        "pozostałych, unikać ich błędów i stawać się regionem oferującym szczególne rozwiązania "
        "swoim mieszkańcom, przedsiębiorstwom i organizacjom."
    ),
    "background": (
        "Dwumiasta należące do Stowarzyszenia City Twins (CTA) leżą w północno-wschodniej Europie "
        "na wewnętrznych i zewnętrznych granicach Unii Europejskiej. Pod wieloma względami "
        "dwumiasta zrosły się ze sobą. Mimo bliskości zawsze dzieli je granica dwóch państw, która "
        "wpływa na stosunki między miastami.\n\n"
        "W wielu dwumiastach aktywnie starano się usunąć przeszkody we wzajemnej współpracy, "
        "jednak zwłaszcza na wschodniej granicy UE sytuacja wydaje się dość trudna. W tych "
        "regionach stosunki między dwumiastami i ich mieszkańcami znacznie utrudnia ostra różnica "
        "poziomu życia. Odmienne warunki i sposoby działania w sprawach społecznych, zdrowotnych "
        "i bezpieczeństwa rodzą praktyczne problemy. Z tego powodu ruch przez granicę musi być "
        "dość ściśle ograniczany i kontrolowany.\n\n"
        "Rozwikłanie splotu problemów wymaga szerokiej współpracy i zaangażowania. Problemy "
        "współpracy między dwumiastami najskuteczniej rozwiązuje się wtedy, gdy pary miast na "
        "różnych etapach rozwoju wspólnie, jako szeroka sieć, wypracowują wspólne sposoby "
        "działania oparte na sprawdzonych praktykach.\n\n"
        "Tornio i Haparanda na granicy Finlandii i Szwecji to najlepszy przykład udanej "
        "współpracy i wspólnego rozwoju pary miast. W tych dwóch miastach wiele usług "
        "komunalnych świadczą wspólnie miasta z dwóch różnych państw. Ten konkretny przykład "
        "przyniósł trwałe rezultaty i dowiódł, że taka współpraca i wspólny rozwój są dla par "
        "miast niezwykle korzystne i obustronnie ważne.\n\n"
        "Wskazywanie najlepszych praktyk i ich wdrażanie w rzeczywistym życiu gospodarczym i "
        "społecznym to najważniejsze cele, jakie partnerzy mogą osiągnąć w stowarzyszeniu. Z "
        "drugiej strony ujawnianie złych lub nieprzydatnych praktyk daje partnerom współpracy "
        "doskonałą okazję, by uniknąć błędów i straty czasu przy wprowadzaniu nowych polityk i "
        "instrumentów we własnym otoczeniu."
    ),
    "main_goal": (
        "Głównym celem utworzonego stowarzyszenia jest – poprzez rozwijanie współpracy i sieci "
        "kontaktów między dwumiastami – wykorzystanie doświadczeń różnych par miast we wspólnej "
        "działalności oraz przekształcenie dwumiast w rozwijające się regiony, które oferują "
        "szczególne rozwiązania mieszkańcom, przedsiębiorstwom i innym organizacjom osiedlającym "
        "się na tym obszarze. W przyszłości takie ramy mogą stać się wielopłaszczyznowym kanałem "
        "współdziałania oraz wspólnym forum dla różnych dziedzin administracji lokalnej."
    ),
}

PURPOSES = [
    "podnoszenie problemów typowych dla członków na forum krajowym i międzynarodowym",
    "wspieranie współpracy międzyregionalnej w Europie",
    "zmniejszanie różnic w poziomie życia członków",
    "wspieranie aktywnego obywatelstwa członków",
    "krzewienie dobrosąsiedztwa i wielokulturowości wśród członków",
    "usuwanie barier we współpracy transgranicznej między organizacjami członkowskimi",
    "tworzenie sieci między podmiotami związanymi z działalnością stowarzyszenia",
    "nawiązywanie i utrzymywanie dobrych i bliskich relacji między członkami",
    "zachęcanie do wymian młodzieżowych, studenckich, kulturalnych i innych między "
    "organizacjami członkowskimi",
    "krzewienie wzajemnego szacunku, spójności i zrozumienia wśród członków i organizacji "
    "członkowskich",
    "wzmacnianie lokalnej tożsamości członków",
    "promowanie najlepszych praktyk członków wśród różnych grup interesu",
    "wspieranie wymiany doświadczeń, nowych pomysłów i poglądów",
]

OBJECTIVES = [
    "organizuje wspólne spotkania przedstawicieli UE, innych organizacji, samorządów, "
    "środowisk kultury, gospodarki itp.",
    "tworzy forum rozwoju i zarządzania projektami wielostronnymi oraz forum prezentacji "
    "najlepszych praktyk ich uczestników",
    "wspiera wieloletnie projekty organizacji członkowskich oraz wymianę doświadczeń z "
    "projektów lokalnych między organizacjami członkowskimi",
    "zarządza projektami związanymi z misją stowarzyszenia i kieruje nimi",
    "prowadzi działalność informacyjną i wydawniczą",
    "wyjaśnia i analizuje rzeczywiste problemy miast członkowskich",
    "podejmuje inicjatywy na rzecz poprawy warunków życia mieszkańców",
    "opracowuje i koordynuje projekty oraz poszukuje dla nich finansowania",
]
