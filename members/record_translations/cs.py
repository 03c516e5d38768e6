"""The record in Czech (the portal's words: dvojměstí, oblast spolupráce, sdružení City Twins)."""

SECTORS = {
    "city-administrations": "Spolupráce městských samospráv",
    "industrial-development": "Místní hospodářský rozvoj",
    "labour-mobility": "Podpora mobility pracovních sil",
    "social-and-health": "Sociální a zdravotní otázky",
    "border-crossing": "Přechod hranic",
    "education-and-training": "Vzdělávání a odborná příprava",
    "culture": "Kulturní spolupráce",
    "third-sector": "Spolupráce neziskového sektoru a občanů",
    "twins-interests": "Prosazování zájmů dvojměstí na národní úrovni a na úrovni EU",
}

ASSOCIATION = {
    "origin": (
        "Sdružení City Twins bylo založeno v prosinci 2006 jako výsledek projektu City Twins "
        "Cooperation Network (2004–2006)."
    ),
    "summary": (
        "Sdružení City Twins spojuje dvojice příhraničních měst – dvojměstí – na vnitřních a "
        "vnějších hranicích Evropské unie v severovýchodní Evropě. Sdružení, založené v prosinci "
        "2006 na základě projektu City Twins Cooperation Network (2004–2006), rozvíjí spolupráci "
        "mezi dvojměstími, aby se každá dvojice mohla učit z dobré praxe ostatních, vyhnout se "
        "jejich chybám a vyrůst v region, který nabízí zvláštní řešení svým obyvatelům, podnikům "
        "a organizacím."
    ),
    "background": (
        "Dvojměstí, která jsou členy sdružení City Twins (CTA), leží v severovýchodní Evropě na "
        "vnitřních a vnějších hranicích Evropské unie. Dvojměstí v mnoha ohledech srostla. "
        "Navzdory blízkosti mezi nimi vždy vede hranice dvou států, která ovlivňuje vztahy mezi "
        "městy.\n\n"
        "V mnoha dvojměstích se aktivně snažili odstranit překážky vzájemné spolupráce, avšak "
        "zejména na východní hranici EU se situace jeví jako poměrně obtížná. V těchto regionech "
        "vztahy mezi dvojměstími a jejich obyvateli výrazně ztěžuje ostrý rozdíl v životní "
        "úrovni. Rozdílné podmínky a postupy v sociálních, zdravotních a bezpečnostních otázkách "
        "působí praktické problémy. Proto musí být přechod hranice poměrně přísně omezován a "
        "kontrolován.\n\n"
        "K rozmotání klubka problémů je zapotřebí široké spolupráce a úsilí. Problémy spolupráce "
        "mezi dvojměstími se nejúčinněji řeší tehdy, když dvojice měst v různé fázi vývoje "
        "společně, jako široká síť, budují společné postupy založené na osvědčené praxi.\n\n"
        "Tornio a Haparanda na finsko-švédské hranici jsou nejlepším příkladem úspěšné "
        "spolupráce a společného rozvoje dvojice měst. V těchto dvou městech je mnoho obecních "
        "služeb zajišťováno ve spolupráci měst ze dvou různých států. Tento konkrétní příklad "
        "přinesl trvalé výsledky a prokázal, že taková spolupráce a společný rozvoj jsou pro "
        "dvojice měst nesmírně užitečné a oboustranně důležité.\n\n"
        "Vyhledávání nejlepší praxe a její zavádění do skutečného hospodářského a společenského "
        "života jsou nejvýznamnějšími cíli, kterých mohou partneři ve sdružení dosáhnout. Na "
        "druhé straně odhalení špatné nebo neužitečné praxe dává partnerům ve spolupráci "
        "vynikající příležitost vyhnout se chybám a ztrátě času při zavádění nových politik a "
        "nástrojů ve vlastním prostředí."
    ),
    "main_goal": (
        "Hlavním cílem založeného sdružení je rozvojem spolupráce a síťování mezi dvojměstími "
        "využít zkušenosti různých dvojic měst ve společné činnosti a rozvíjet dvojměstí v "
        "rostoucí regiony, které nabízejí zvláštní řešení obyvatelům, podnikům a dalším "
        "organizacím, jež se v oblasti usazují. Takový rámec se může v budoucnu stát mnohostranným "
        "kanálem vzájemné komunikace i společným fórem pro různá odvětví místní správy."
    ),
}

PURPOSES = [
    "upozorňování na problémy typické pro členy na národní i mezinárodní úrovni",
    "podpora meziregionální spolupráce v Evropě",
    "vyrovnávání rozdílů v životní úrovni členů",
    "podpora aktivního občanství členů",
    "podpora dobrých sousedských vztahů a multikulturality mezi členy",
    "odstraňování překážek přeshraniční spolupráce mezi členskými organizacemi",
    "vytváření sítí mezi subjekty spojenými s činností sdružení",
    "navazování a udržování dobrých a úzkých vztahů mezi členy",
    "podpora mládežnických, studentských, kulturních a jiných výměn mezi členskými organizacemi",
    "podpora vzájemného respektu, soudržnosti a porozumění mezi členy a členskými organizacemi",
    "posilování místní identity členů",
    "prosazování nejlepší praxe členů u různých zájmových skupin",
    "podpora výměny zkušeností, nových myšlenek a názorů",
]

OBJECTIVES = [
    "pořádá společná setkání zástupců EU, dalších organizací, místních samospráv, kulturního "
    "života, hospodářské sféry atd.",
    "vytváří fórum pro rozvoj a řízení vícestranných projektů i fórum pro představení nejlepší "
    "praxe jejich účastníků",
    "podporuje víceleté projekty členských organizací a sdílení zkušeností s místními projekty "
    "mezi členskými organizacemi",
    "spravuje a řídí projekty související s posláním sdružení",
    "věnuje se šíření informací a vydavatelské činnosti",
    "objasňuje a analyzuje skutečné problémy členských měst",
    "vyvíjí iniciativy ke zlepšení životních podmínek občanů",
    "připravuje a koordinuje projekty a hledá pro ně financování",
]
