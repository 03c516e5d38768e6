"""The record in Swedish (the portal's words: tvillingstad, samarbetsområde, föreningen)."""

SECTORS = {
    "city-administrations": "Samarbete mellan stadsförvaltningarna",
    "industrial-development": "Lokal näringslivsutveckling",
    "labour-mobility": "Främjande av arbetskraftens rörlighet",
    "social-and-health": "Social- och hälsofrågor",
    "border-crossing": "Gränsövergång",
    "education-and-training": "Utbildning",
    "culture": "Kulturellt samarbete",
    "third-sector": "Samarbete inom den tredje sektorn / mellan medborgare",
    "twins-interests": "Bevakning av tvillingstädernas intressen nationellt och på EU-nivå",
}

ASSOCIATION = {
    "origin": (
        "Föreningen City Twins grundades i december 2006 som ett resultat av projektet City Twins "
        "Cooperation Network (2004–2006)."
    ),
    "summary": (
        "City Twins Association förenar par av gränsstäder – tvillingstäder – vid Europeiska "
        "unionens inre och yttre gränser i nordöstra Europa. Föreningen grundades i december 2006 "
        "utifrån projektet City Twins Cooperation Network (2004–2006) och utvecklar samarbetet "
        "mellan tvillingstäderna så att varje par kan lära av de andras goda exempel, undvika "
        "deras misstag och växa till en region som erbjuder särskilda lösningar för sina invånare, "
        "företag och organisationer."
    ),
    "background": (
        "Medlemstvillingstäderna i City Twins Association (CTA) ligger i nordöstra Europa vid "
        "Europeiska unionens inre och yttre gränser. Tvillingstäderna har på många sätt vuxit "
        "samman. Trots närheten går det alltid en gräns mellan två länder mellan dem, och den "
        "påverkar relationerna mellan städerna.\n\n"
        "I många tvillingstäder har man aktivt försökt undanröja hindren för det ömsesidiga "
        "samarbetet, men särskilt vid EU:s östra gräns ser situationen ut att vara ganska svår. I "
        "dessa regioner försvåras relationerna mellan tvillingstäderna och deras invånare avsevärt "
        "av en skarp skillnad i levnadsstandard. Olika förhållanden och arbetssätt i sociala "
        "frågor, hälso- och säkerhetsfrågor orsakar praktiska problem. Därför måste "
        "gränsövergångarna begränsas och kontrolleras ganska strängt.\n\n"
        "Det krävs brett samarbete och stora insatser för att reda ut problemhärvan. "
        "Samarbetsproblemen mellan tvillingstäderna löses mest effektivt när stadspar i olika "
        "utvecklingsskeden tillsammans, som ett brett nätverk, bygger upp gemensamma arbetssätt "
        "som grundar sig på beprövade metoder.\n\n"
        "Torneå och Haparanda vid gränsen mellan Finland och Sverige är det bästa exemplet på ett "
        "stadspars framgångsrika samarbete och gemensamma utveckling. I dessa två städer sköts "
        "många kommunala tjänster i samarbete mellan städer i två olika länder. I detta konkreta "
        "exempel har man nått hållbara resultat och visat att sådant samarbete och sådan gemensam "
        "utveckling är ytterst nyttig och ömsesidigt viktig för stadsparen.\n\n"
        "Att hitta de bästa arbetssätten och tillämpa dem i det verkliga ekonomiska och sociala "
        "livet är de viktigaste målen som partnerna kan uppnå i föreningen. Å andra sidan ger en "
        "redovisning av dåliga eller onyttiga arbetssätt samarbetspartnerna ett utmärkt tillfälle "
        "att undvika misstag och tidsspillan när de inför nya strategier och instrument i sin egen "
        "miljö."
    ),
    "main_goal": (
        "Föreningens huvudmål är att genom att utveckla samarbetet och nätverkandet mellan "
        "tvillingstäderna ta till vara olika stadspars erfarenheter i gemensam verksamhet och att "
        "utveckla tvillingstäderna till växande regioner som erbjuder särskilda lösningar för "
        "invånare, företag och andra organisationer som etablerar sig i området. En sådan ram kan "
        "i framtiden bli en mångsidig kanal för samverkan och ett gemensamt forum för den lokala "
        "förvaltningens olika sektorer."
    ),
}

PURPOSES = [
    "att lyfta fram problem som är typiska för medlemmarna på nationell och internationell nivå",
    "att främja interregionalt samarbete i Europa",
    "att jämna ut skillnaderna i medlemmarnas levnadsstandard",
    "att främja medlemmarnas aktiva medborgarskap",
    "att främja grannsämja och mångkultur mellan medlemmarna",
    "att undanröja hindren för gränsöverskridande samarbete mellan medlemsorganisationerna",
    "att skapa nätverk mellan parter med anknytning till föreningens verksamhet",
    "att skapa och upprätthålla goda och nära relationer mellan medlemmarna",
    "att uppmuntra ungdoms-, student-, kultur- och andra utbyten mellan medlemsorganisationerna",
    "att främja ömsesidig respekt, sammanhållning och förståelse mellan medlemmarna och "
    "medlemsorganisationerna",
    "att stärka medlemmarnas lokala identitet",
    "att föra fram medlemmarnas bästa arbetssätt för olika intressegrupper",
    "att främja utbyte av erfarenheter, nya idéer och synpunkter",
]

OBJECTIVES = [
    "anordna gemensamma möten mellan företrädare för EU, andra organisationer, lokala "
    "förvaltningar, kulturlivet, näringslivet m.fl.",
    "skapa ett utvecklings- och förvaltningsforum för projekt med flera parter samt ett forum där "
    "dessa parters bästa arbetssätt visas upp",
    "främja medlemsorganisationernas fleråriga projekt och utbytet av erfarenheter från lokala "
    "projekt mellan medlemsorganisationerna",
    "förvalta och leda projekt som hör till föreningens uppdrag",
    "bedriva informations- och publiceringsverksamhet",
    "klarlägga och analysera medlemsstädernas faktiska problem",
    "ta initiativ för att förbättra invånarnas levnadsförhållanden",
    "utveckla och samordna projekt och söka finansiering för dem",
]
