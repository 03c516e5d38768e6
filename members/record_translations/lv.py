"""The record in Latvian (the portal's words: dvīņpilsēta, sadarbības joma, asociācija)."""

SECTORS = {
    "city-administrations": "Pilsētu administrāciju sadarbība",
    "industrial-development": "Vietējās uzņēmējdarbības attīstība",
    "labour-mobility": "Darbaspēka mobilitātes veicināšana",
    "social-and-health": "Sociālie un veselības jautājumi",
    "border-crossing": "Robežšķērsošana",
    "education-and-training": "Izglītība un apmācība",
    "culture": "Kultūras sadarbība",
    "third-sector": "Trešā sektora un iedzīvotāju sadarbība",
    "twins-interests": "Dvīņpilsētu interešu pārstāvība valsts un ES līmenī",
}

ASSOCIATION = {
    "origin": (
        "City Twins asociācija tika dibināta 2006. gada decembrī kā projekta City Twins "
        "Cooperation Network (2004–2006) rezultāts."
    ),
    "summary": (
        "City Twins asociācija apvieno pierobežas pilsētu pārus – dvīņpilsētas – pie Eiropas "
        "Savienības iekšējām un ārējām robežām Ziemeļaustrumeiropā. Asociācija, kas dibināta "
        "2006. gada decembrī uz projekta City Twins Cooperation Network (2004–2006) pamata, "
        "attīsta dvīņpilsētu sadarbību, lai katrs pilsētu pāris varētu mācīties no pārējo labās "
        "prakses, izvairīties no to kļūdām un izaugt par reģionu, kas piedāvā īpašus risinājumus "
        "saviem iedzīvotājiem, uzņēmumiem un organizācijām."
    ),
    "background": (
        "City Twins asociācijas (CTA) dalībnieces – dvīņpilsētas – atrodas Ziemeļaustrumeiropā pie "
        "Eiropas Savienības iekšējām un ārējām robežām. Dvīņpilsētas daudzējādā ziņā ir saaugušas "
        "kopā. Neraugoties uz tuvumu, starp tām vienmēr ir divu valstu robeža, kas ietekmē "
        "pilsētu savstarpējās attiecības.\n\n"
        "Daudzās dvīņpilsētās ir aktīvi mēģināts novērst šķēršļus savstarpējai sadarbībai, taču "
        "īpaši pie ES austrumu robežas situācija šķiet diezgan sarežģīta. Šajos reģionos "
        "dvīņpilsētu un to iedzīvotāju attiecības būtiski apgrūtina krasā dzīves līmeņa atšķirība. "
        "Atšķirīgi apstākļi un darbības veidi sociālajos, veselības un drošības jautājumos rada "
        "praktiskas problēmas. Tādēļ robežšķērsošana ir jāierobežo un jākontrolē diezgan "
        "stingri.\n\n"
        "Lai atšķetinātu problēmu mudžekli, ir vajadzīga plaša sadarbība un ieguldījums. "
        "Dvīņpilsētu sadarbības problēmas visefektīvāk var atrisināt tad, ja dažādās attīstības "
        "stadijās esoši pilsētu pāri kā plašs tīkls kopīgi veido vienotus darbības veidus, kuru "
        "pamatā ir pārbaudīta prakse.\n\n"
        "Tornio un Haparanda pie Somijas un Zviedrijas robežas ir labākais piemērs pilsētu pāra "
        "veiksmīgai sadarbībai un kopīgai attīstībai. Šajās divās pilsētās daudzus pašvaldības "
        "pakalpojumus sniedz divu dažādu valstu pilsētas sadarbībā. Šajā konkrētajā piemērā ir "
        "sasniegti ilgtspējīgi rezultāti, un tas ir pierādījis, ka šāda sadarbība un kopīga "
        "attīstība pilsētu pāriem ir ārkārtīgi noderīga un abpusēji svarīga.\n\n"
        "Labākās prakses apzināšana un tās ieviešana reālajā ekonomiskajā un sociālajā dzīvē ir "
        "svarīgākie mērķi, ko partneri var sasniegt asociācijā. No otras puses, sliktas vai "
        "nelietderīgas prakses atklāšana sniedz sadarbības partneriem lielisku iespēju izvairīties "
        "no kļūdām un laika izšķiešanas, ieviešot savā vidē jaunas politikas un instrumentus."
    ),
    "main_goal": (
        "Izveidotās asociācijas galvenais mērķis ir, attīstot dvīņpilsētu sadarbību un "
        "tīklošanos, izmantot dažādu pilsētu pāru pieredzi kopīgā darbībā un attīstīt "
        "dvīņpilsētas par augošiem reģioniem, kas piedāvā īpašus risinājumus iedzīvotājiem, "
        "uzņēmumiem un citām organizācijām, kuras ienāk šajā teritorijā. Nākotnē šāds ietvars var "
        "kļūt par daudzpusīgu mijiedarbības kanālu, kā arī par kopīgu forumu dažādām vietējās "
        "pārvaldes nozarēm."
    ),
}

PURPOSES = [
    "dalībniekiem raksturīgo problēmu aktualizēšana valsts un starptautiskā līmenī",
    "starpreģionālās sadarbības veicināšana Eiropā",
    "dalībnieku dzīves līmeņa atšķirību mazināšana",
    "dalībnieku aktīvas pilsoniskās līdzdalības veicināšana",
    "labu kaimiņattiecību un multikulturālisma veicināšana starp dalībniekiem",
    "šķēršļu novēršana pārrobežu sadarbībai starp dalīborganizācijām",
    "tīklu veidošana starp pusēm, kas saistītas ar asociācijas darbību",
    "labu un ciešu attiecību veidošana un uzturēšana starp dalībniekiem",
    "jauniešu, studentu, kultūras un citu apmaiņu veicināšana starp dalīborganizācijām",
    "savstarpējas cieņas, kohēzijas un sapratnes veicināšana starp dalībniekiem un "
    "dalīborganizācijām",
    "dalībnieku vietējās identitātes stiprināšana",
    "dalībnieku labākās prakses popularizēšana dažādām interešu grupām",
    "pieredzes, jaunu ideju un viedokļu apmaiņas veicināšana",
]

OBJECTIVES = [
    "rīko kopīgas tikšanās starp ES, citu organizāciju, pašvaldību, kultūras dzīves, "
    "uzņēmējdarbības u. c. pārstāvjiem",
    "izveido attīstības un pārvaldības forumu vairāku pušu projektiem, kā arī forumu šo pušu "
    "labākās prakses demonstrēšanai",
    "veicina dalīborganizāciju daudzgadu projektus un vietējo projektu pieredzes apmaiņu starp "
    "dalīborganizācijām",
    "pārvalda un vada projektus, kas saistīti ar asociācijas misiju",
    "nodarbojas ar informācijas izplatīšanu un izdevējdarbību",
    "noskaidro un analizē dalībpilsētu aktuālās problēmas",
    "izvirza iniciatīvas iedzīvotāju dzīves apstākļu uzlabošanai",
    "izstrādā un koordinē projektus un meklē tiem finansējumu",
]
