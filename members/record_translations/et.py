"""The record in Estonian (the portal's words: kaksiklinn, koostöövaldkond, ühendus)."""

SECTORS = {
    "city-administrations": "Linnavalitsuste koostöö",
    "industrial-development": "Kohaliku ettevõtluse arendamine",
    "labour-mobility": "Tööjõu liikuvuse edendamine",
    "social-and-health": "Sotsiaal- ja terviseküsimused",
    "border-crossing": "Piiriületus",
    "education-and-training": "Haridus ja koolitus",
    "culture": "Kultuurikoostöö",
    "third-sector": "Kolmanda sektori ja kodanike koostöö",
    "twins-interests": "Kaksiklinnade huvide esindamine riiklikul ja ELi tasandil",
}

ASSOCIATION = {
    "origin": (
        "Ühendus City Twins asutati 2006. aasta detsembris projekti City Twins Cooperation Network "
        "(2004–2006) tulemusena."
    ),
    "summary": (
        "Ühendus City Twins ühendab piirilinnade paare – kaksiklinnu – Euroopa Liidu sise- ja "
        "välispiiridel Kirde-Euroopas. 2006. aasta detsembris projekti City Twins Cooperation "
        "Network (2004–2006) põhjal asutatud ühendus arendab kaksiklinnade koostööd, et iga "
        "linnapaar saaks õppida teiste headest praktikatest, vältida nende vigu ja kasvada "
        "piirkonnaks, mis pakub oma elanikele, ettevõtetele ja organisatsioonidele erilahendusi."
    ),
    "background": (
        "Ühenduse City Twins (CTA) liikmeteks olevad kaksiklinnad asuvad Kirde-Euroopas Euroopa "
        "Liidu sise- ja välispiiridel. Kaksiklinnad on mitmeti kokku kasvanud. Läheduse kiuste "
        "jookseb nende vahel alati kahe riigi piir, mis mõjutab linnadevahelisi suhteid.\n\n"
        "Paljudes kaksiklinnades on vastastikuse koostöö takistusi aktiivselt püütud kõrvaldada, "
        "kuid eriti ELi idapiiril näib olukord olevat üsna keeruline. Neis piirkondades muudab "
        "kaksiklinnade ja nende elanike suhted palju raskemaks järsk elatustaseme erinevus. "
        "Erinevad tingimused ja tegutsemisviisid sotsiaal-, tervise- ja julgeolekuküsimustes "
        "tekitavad praktilisi probleeme. Seetõttu tuleb piiriületust piirata ja üsna rangelt "
        "kontrollida.\n\n"
        "Probleemide sasipuntra lahtiharutamiseks on vaja laialdast koostööd ja panust. "
        "Kaksiklinnadevahelisi koostööprobleeme lahendatakse kõige tõhusamalt siis, kui eri "
        "arengujärgus olevad linnapaarid loovad laia võrgustikuna ühiselt ühtsed tegutsemisviisid, "
        "mis põhinevad end tõestanud praktikatel.\n\n"
        "Tornio ja Haparanda Soome ja Rootsi piiril on parim näide linnapaari edukast koostööst ja "
        "ühisest arengust. Neis kahes linnas osutatakse paljusid munitsipaalteenuseid kahe eri "
        "riigi linnade koostöös. See konkreetne näide on andnud püsivaid tulemusi ning tõestanud, "
        "et selline koostöö ja ühine areng on linnapaaridele äärmiselt kasulik ja mõlemale poolele "
        "oluline.\n\n"
        "Parimate praktikate väljaselgitamine ja nende rakendamine tegelikus majandus- ja "
        "ühiskonnaelus on kõige olulisemad eesmärgid, mida partnerid saavad ühenduses saavutada. "
        "Teisalt annab halbade või kasutute praktikate esiletoomine koostööpartneritele "
        "suurepärase võimaluse vältida vigu ja ajaraiskamist, kui nad oma keskkonnas uusi "
        "poliitikaid ja vahendeid kasutusele võtavad."
    ),
    "main_goal": (
        "Loodud ühenduse peamine eesmärk on kaksiklinnade koostööd ja võrgustumist arendades "
        "kasutada eri linnapaaride kogemusi ühises tegevuses ning arendada kaksiklinnad "
        "kasvavateks piirkondadeks, mis pakuvad erilahendusi elanikele, ettevõtetele ja piirkonda "
        "tulevatele teistele organisatsioonidele. Selline raamistik võib tulevikus olla "
        "mitmekülgne suhtluskanal ja kohaliku omavalitsuse eri valdkondade ühine foorum."
    ),
}

PURPOSES = [
    "liikmetele iseloomulike probleemide tõstatamine riiklikul ja rahvusvahelisel tasandil",
    "piirkondadevahelise koostöö edendamine Euroopas",
    "liikmete elatustaseme erinevuste vähendamine",
    "liikmete aktiivse kodakondsuse edendamine",
    "heanaaberlikkuse ja mitmekultuurilisuse edendamine liikmete vahel",
    "liikmesorganisatsioonide piiriülese koostöö takistuste kõrvaldamine",
    "võrgustike loomine ühenduse tegevusega seotud osapoolte vahel",
    "heade ja lähedaste suhete loomine ja hoidmine liikmete vahel",
    "noorte-, üliõpilas-, kultuuri- ja muude vahetuste soodustamine liikmesorganisatsioonide vahel",
    "vastastikuse austuse, ühtekuuluvuse ja mõistmise edendamine liikmete ja "
    "liikmesorganisatsioonide seas",
    "liikmete kohaliku identiteedi tugevdamine",
    "liikmete parimate praktikate tutvustamine eri huvirühmadele",
    "kogemuste, uute ideede ja seisukohtade vahetamise edendamine",
]

OBJECTIVES = [
    "korraldab ühiseid kohtumisi ELi, teiste organisatsioonide, kohalike omavalitsuste, "
    "kultuurielu, majandussektori jt esindajate vahel",
    "loob mitme osapoolega projektide arendus- ja haldusfoorumi ning foorumi nende osapoolte "
    "parimate praktikate tutvustamiseks",
    "edendab liikmesorganisatsioonide mitmeaastasi projekte ja kohalike projektide kogemuste "
    "jagamist liikmesorganisatsioonide vahel",
    "haldab ja juhib ühenduse missiooniga seotud projekte",
    "tegeleb teabe levitamise ja kirjastamisega",
    "selgitab välja ja analüüsib liikmeslinnade tegelikke probleeme",
    "algatab meetmeid kodanike elutingimuste parandamiseks",
    "arendab ja koordineerib projekte ning otsib neile rahastust",
]
