"""The record in Finnish (the portal's words: kaksoiskaupunki, yhteistyöala, yhdistys)."""

SECTORS = {
    "city-administrations": "Kaupunkien hallintojen välinen yhteistyö",
    "industrial-development": "Paikallinen elinkeinojen kehittäminen",
    "labour-mobility": "Työvoiman liikkuvuuden edistäminen",
    "social-and-health": "Sosiaali- ja terveysasiat",
    "border-crossing": "Rajanylitys",
    "education-and-training": "Koulutus",
    "culture": "Kulttuuriyhteistyö",
    "third-sector": "Kolmannen sektorin ja kansalaisten yhteistyö",
    "twins-interests": "Kaksoiskaupunkien edunvalvonta kansallisella ja EU-tasolla",
}

ASSOCIATION = {
    "origin": (
        "City Twins -yhdistys perustettiin joulukuussa 2006 City Twins Cooperation Network "
        "-hankkeen (2004–2006) tuloksena."
    ),
    "summary": (
        "City Twins -yhdistys yhdistää rajakaupunkipareja – kaksoiskaupunkeja – Euroopan unionin "
        "sisä- ja ulkorajoilla Koillis-Euroopassa. Yhdistys perustettiin joulukuussa 2006 City "
        "Twins Cooperation Network -hankkeen (2004–2006) pohjalta, ja se kehittää "
        "kaksoiskaupunkien välistä yhteistyötä, jotta kukin kaupunkipari voi oppia muiden hyvistä "
        "käytännöistä, välttää niiden virheet ja kasvaa alueeksi, joka tarjoaa erityisiä "
        "ratkaisuja asukkailleen, yrityksilleen ja yhteisöilleen."
    ),
    "background": (
        "City Twins -yhdistyksen (CTA) jäseninä olevat kaksoiskaupungit sijaitsevat "
        "Koillis-Euroopassa Euroopan unionin sisä- ja ulkorajoilla. Kaksoiskaupungit ovat "
        "kasvaneet yhteen monin tavoin. Läheisyydestä huolimatta niiden välillä kulkee aina kahden "
        "valtion raja, joka vaikuttaa kaupunkien välisiin suhteisiin.\n\n"
        "Monissa kaksoiskaupungeissa keskinäisen yhteistyön esteitä on pyritty aktiivisesti "
        "poistamaan, mutta erityisesti EU:n itärajalla tilanne näyttää varsin vaikealta. Näillä "
        "alueilla kaksoiskaupunkien ja niiden asukkaiden välisiä suhteita vaikeuttaa huomattavasti "
        "jyrkkä elintasoero. Erilaiset olosuhteet ja toimintatavat sosiaali-, terveys- ja "
        "turvallisuusasioissa aiheuttavat käytännön ongelmia. Tämän vuoksi rajan ylittämistä on "
        "rajoitettava ja valvottava melko tiukasti.\n\n"
        "Ongelmavyyhdin purkaminen edellyttää laajaa yhteistyötä ja panostusta. Kaksoiskaupunkien "
        "välisiä yhteistyöongelmia ratkaistaan tehokkaimmin, kun eri kehitysvaiheissa olevat "
        "kaupunkiparit rakentavat laajana verkostona yhdessä yhteisiä toimintatapoja, jotka "
        "perustuvat hyviksi havaittuihin käytäntöihin.\n\n"
        "Tornio ja Haaparanta Suomen ja Ruotsin rajalla ovat paras esimerkki kaupunkiparin "
        "onnistuneesta yhteistyöstä ja yhteisestä kehittämisestä. Näissä kahdessa kaupungissa "
        "monet kunnalliset palvelut tuotetaan kahden eri maan kaupunkien yhteistyönä. Tässä "
        "konkreettisessa esimerkissä on saavutettu kestäviä tuloksia, ja se on osoittanut, että "
        "tällainen yhteistyö ja yhteinen kehittäminen on kaupunkipareille erittäin hyödyllistä ja "
        "molemmille tärkeää.\n\n"
        "Parhaiden käytäntöjen löytäminen ja niiden toteuttaminen todellisessa taloudellisessa ja "
        "sosiaalisessa elämässä ovat merkittävimmät tavoitteet, jotka kumppanit voivat "
        "yhdistyksessä saavuttaa. Toisaalta huonojen tai hyödyttömien käytäntöjen esiin tuominen "
        "antaa yhteistyökumppaneille erinomaisen mahdollisuuden välttää virheitä ja ajanhukkaa, "
        "kun ne ottavat omassa ympäristössään käyttöön uusia toimintapolitiikkoja ja välineitä."
    ),
    "main_goal": (
        "Perustetun yhdistyksen päätavoitteena on kaksoiskaupunkien välistä yhteistyötä ja "
        "verkostoitumista kehittämällä hyödyntää eri kaupunkiparien kokemuksia yhteisessä "
        "toiminnassa ja kehittää kaksoiskaupungeista kasvavia alueita, jotka tarjoavat erityisiä "
        "ratkaisuja asukkaille, yrityksille ja alueelle sijoittuville muille yhteisöille. "
        "Tällainen kehys voi tulevaisuudessa olla monimuotoinen vuorovaikutuskanava sekä "
        "paikallishallinnon eri sektoreiden yhteinen foorumi."
    ),
}

PURPOSES = [
    "jäsenille tyypillisten ongelmien esiin nostaminen kansallisella ja kansainvälisellä tasolla",
    "alueiden välisen yhteistyön edistäminen Euroopassa",
    "jäsenten elintasoerojen tasoittaminen",
    "jäsenten aktiivisen kansalaisuuden edistäminen",
    "naapuruuden ja monikulttuurisuuden edistäminen jäsenten kesken",
    "jäsenyhteisöjen välisen rajat ylittävän yhteistyön esteiden poistaminen",
    "verkostojen luominen yhdistyksen toimintaan liittyvien tahojen välille",
    "hyvien ja läheisten suhteiden luominen ja ylläpitäminen jäsenten kesken",
    "nuoriso-, opiskelija-, kulttuuri- ja muiden vaihtojen edistäminen jäsenyhteisöjen välillä",
    "keskinäisen kunnioituksen, yhteenkuuluvuuden ja ymmärryksen edistäminen jäsenten ja "
    "jäsenyhteisöjen kesken",
    "jäsenten paikallisen identiteetin vahvistaminen",
    "jäsenten parhaiden käytäntöjen esitteleminen eri sidosryhmille",
    "kokemusten, uusien ideoiden ja näkemysten vaihdon edistäminen",
]

OBJECTIVES = [
    "järjestää yhteisiä tapaamisia EU:n, muiden järjestöjen, paikallishallintojen, "
    "kulttuurielämän, elinkeinoelämän ym. edustajien kesken",
    "luo usean osapuolen hankkeille kehittämis- ja hallintofoorumin sekä foorumin, jolla näiden "
    "osapuolten parhaita käytäntöjä esitellään",
    "edistää jäsenyhteisöjen monivuotisia hankkeita sekä paikallisten hankkeiden kokemusten "
    "jakamista jäsenyhteisöjen kesken",
    "hallinnoi ja ohjaa yhdistyksen tehtävään liittyviä hankkeita",
    "harjoittaa tiedotus- ja julkaisutoimintaa",
    "selvittää ja analysoi jäsenkaupunkien todellisia ongelmia",
    "tekee aloitteita kansalaisten elinolojen parantamiseksi",
    "kehittää ja koordinoi hankkeita ja etsii niille rahoitusta",
]
