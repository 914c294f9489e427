"""The fixed vocabularies of IGS planning, with the Dutch labels users see.

Sources: OP/TIL planning tools (seed 000 §1.1 categories, §1.2 relief, §1.3 phases, §2.1
subsectors), "Bouw je netwerk uit" (seed 002, cultural vs non-cultural actors) and publiq's
toolbox (seed 004: network roles, the five B's of an accessible offer).
"""

from __future__ import annotations

from types import MappingProxyType

BOVENLOKAAL = "bovenlokaal"
ALL_MUNICIPALITIES = "alle gemeenten"

# Seed 000 §1.1: stakeholder categories, each with its subsectors (key -> label).
CATEGORIES = MappingProxyType({
    "intern": "Interne stakeholders",
    "lokale-overheid": "Lokale overheden en beleidsmakers",
    "cultureel": "Culturele actoren uit de regio",
    "maatschappelijk": "Maatschappelijke actoren uit de regio",
    "doelgroep": "Doelgroepen, gebruikers en gemeenschappen uit de regio",
    "extern": "Expertise van buiten de regio",
})

CORE_SUBSECTORS = MappingProxyType({
    "intern": ("team", "raad van bestuur", "vrijwilligers", "schepenen",
               "cultuur- en vrijetijdsdiensten"),
    "lokale-overheid": ("college van burgemeester en schepenen", "gemeenteraad", "adviesorgaan",
                        "algemeen directeur", "provincie"),
    "cultureel": ("amateurkunsten", "bibliotheken", "cultureel erfgoed",
                  "cultuur- en vrijetijdsdiensten", "cultuurhuizen", "professionele kunsten",
                  "sociaal-cultureel"),
    "maatschappelijk": ("jeugd", "sport", "welzijn", "creatieve economie", "integratie", "media",
                        "onderwijs", "onroerend erfgoed", "ruimte en omgeving", "toerisme",
                        "wetenschap"),
    "doelgroep": ("kansengroepen", "gemeenschappen", "brugfiguren", "betrokken burgers",
                  "gebruikers"),
    "extern": ("andere IGS'en cultuur", "steunpunten en expertisecentra", "culturele bovenbouw",
               "ervaringsdeskundigen", "andere cultuurregio's"),
})

# Seed 002's inspiration list adds sectors to look for partners in: valid subsectors, but a map
# without them is not incomplete (the gaps check looks at the §2.1 subsectors above only).
INSPIRATION_SUBSECTORS = MappingProxyType({
    "cultureel": ("circus",),
    "maatschappelijk": ("gezondheidszorg", "milieu", "mobiliteit", "duurzaamheid", "lokale economie",
                        "tewerkstelling", "inburgering", "ruimtelijke ordening",
                        "veiligheid en hulpverlening", "landbouw en platteland", "design en architectuur"),
})

SUBSECTORS = MappingProxyType({key: (*subs, *INSPIRATION_SUBSECTORS.get(key, ()))
                               for key, subs in CORE_SUBSECTORS.items()})

# Seed 002: cultural actors go above the municipality bubble, non-cultural ones below.
CULTURAL_BY_DEFAULT = MappingProxyType({
    "intern": True, "lokale-overheid": False, "cultureel": True,
    "maatschappelijk": False, "doelgroep": False, "extern": True,
})

# Seed 000 §1.2: relief, in three zones from the centre outwards.
ZONES = MappingProxyType({
    "besluitvorming": "Betrokken bij de besluitvorming",
    "visie-en-strategie": "Betrokken bij de visie- en strategieontwikkeling",
    "informeren": "Informeren",
})

INVOLVEMENTS = MappingProxyType({
    "interne-planner": ("besluitvorming", "Interne stakeholder actief in de beleidsplanning"),
    "formele-beslisser": ("besluitvorming", "Formele beslisser"),
    "informele-beslisser": ("besluitvorming", "Informele beslisser"),
    "structurele-partner": ("visie-en-strategie", "Structurele partner"),
    "potentiele-partner": ("visie-en-strategie", "Potentiële partner"),
    "expert": ("visie-en-strategie", "Expert of ervaringsdeskundige"),
    "supporter": ("informeren", "Supporter"),
})

# Seed 000 §1.3: the four phases of the planning process, in order.
PHASES = MappingProxyType({
    "voorbereiden": "Voorbereiden",
    "verzamelen": "Verzamelen",
    "verwerken": "Verwerken",
    "verspreiden": "Verspreiden",
})

# Seed 004: network roles (UGent) for the people who carry the network.
NETWORK_ROLES = MappingProxyType({
    "operator": "Netwerkoperator: organisator, procesbewaker",
    "promotor": "Netwerkpromotor: motiveert, verbindt, betrekt",
    "visiebewaker": "Visiebewaker: bewaakt doelen en richting",
    "creatieve denker": "Creatieve denker: brengt innovatie en nieuwe oplossingen",
    "kampioen": "Netwerkkampioen: ambassadeur, geeft legitimiteit",
})

# Seed 004: poverty partners whose cooperation is a subsidy condition for the afsprakennota.
POVERTY_PARTNERS = MappingProxyType({
    "ocmw": "OCMW",
    "armoedevereniging": "Vereniging waar armen het woord nemen",
})

# Seed 004: the ten domains of the Arrow Roots model (PRONET, Arteveldehogeschool) that a
# cooperation has to manage; the keys of afsprakennota.samenwerking.
ARROW_ROOTS = MappingProxyType({
    "contextanalyse": "Contextanalyse",
    "actorenanalyse": "Actorenanalyse",
    "rol_en_taakverdeling": "Rol- en taakverdeling",
    "procesafspraken": "Procesafspraken",
    "communicatie": "Communicatie",
    "middelen": "Middelen",
    "relaties_en_vertrouwen": "Relaties en vertrouwen",
    "legitimiteit": "Legitimiteit",
    "monitoring": "Monitoring",
    "duurzaamheid": "Duurzaamheid",
})

# Seed 004: what a network's indicators measure (reach of people in poverty, barriers removed,
# the quality of the cooperation); indicatoren[].soort.
INDICATOR_KINDS = MappingProxyType({
    "bereik": "Bereik van mensen in armoede",
    "drempels": "Weggewerkte drempels",
    "samenwerking": "Kwaliteit van de samenwerking",
})

# Seed 004 step 1: the five B's of an accessible offer.
FIVE_BS = MappingProxyType({
    "betaalbaar": "Betaalbaar",
    "bereikbaar": "Bereikbaar",
    "beschikbaar": "Beschikbaar",
    "begrijpbaar": "Begrijpbaar",
    "bruikbaar": "Bruikbaar",
})

SWOT_QUADRANTS = MappingProxyType({
    "sterktes": "Sterktes",
    "zwaktes": "Zwaktes",
    "kansen": "Kansen",
    "bedreigingen": "Bedreigingen",
})

SWOT_SOURCE_KINDS = MappingProxyType({
    "stakeholder": "Stakeholder",
    "consultatie": "Consultatie",
    "indicator": "Indicator",
    "interne-analyse": "Interne analyse",
    "netwerkanalyse": "Netwerkanalyse",
    "document": "Document",
})

PARTICIPATION_FORMS = MappingProxyType({
    "deelnemen": "Deelnemen: toeleiden naar het bestaande aanbod",
    "deelhebben": "Deelhebben: ook inspraak in het aanbod",
})

# Seed 002, "Inspiratie voor partners": the sectors of the inspiration list with its examples.
INSPIRATION_SECTORS = MappingProxyType({
    "kunsten": "beeldende kunsten, muziek, podiumkunsten, circus, crossovers, cultuureducatie, musea, galerijen",
    "amateurkunsten": "beeldende kunsten, muziek, podiumkunsten, Koor en Stem, VLAMO, KDO",
    "circuskunsten": "Circuscentrum, circusateliers, circusscholen",
    "lokaal cultuurbeleid": "cultuurcentrum, gemeenschapscentrum, cultuurdienst, bibliotheek, stadsmuseum",
    "sociaal-cultureel volwassenenwerk": "Gezinsbond, Natuurpunt, Femma, OKRA, Davidsfonds, burgerbewegingen",
    "onderwijs": "scholen, DKO, Centrum voor basiseducatie, centra voor volwassenenonderwijs",
    "jeugd": "jeugddienst, jeugdhuis, jeugdraad, jeugdbeweging, jeugdwelzijnswerk",
    "erfgoed": "depotwerking, musea, erfgoedcel, archief, heemkundige kring",
    "onroerend erfgoed": "Herita, IOED, tijdelijke invulling, erfgoedvereniging, eigenaars",
    "sport": "sportdienst, sportclubs, dansscholen, skateparken",
    "welzijn": "woonzorgcentra, lokaal dienstencentrum, wijkcentra, OCMW, samenlevingsopbouw",
    "gezondheidszorg": "ziekenhuizen, logo's, eerstelijnszones",
    "milieu": "Natuurpunt, regionaal landschap, containerpark",
    "toerisme": "provincies, toeristische diensten, Toerisme Vlaanderen, logies en horeca, attracties",
    "inburgering": "agentschap Integratie en Inburgering, diversiteitscel",
    "mobiliteit": "vzw Trage Wegen, Fietsersbond, fietskeukens",
    "duurzaamheid": "repaircafés, upcycling-ateliers",
    "lokale economie": "Unizo, lokale handelaars, co-working, VOKA, centrummanager",
    "tewerkstelling": "VDAB, maatwerkbedrijven, sociale tewerkstelling",
    "ruimtelijke ordening": "ruimtelijke planning, publieke ruimte",
    "andere": "design, architectuur, festivals, storytellers, brandweer, landelijke gilden, Rode Kruis",
})

# Seed 001: the eleven steps "Van goesting naar doen", in order (key -> title).
ROADMAP_STEPS = MappingProxyType({
    "draagvlak": "Zorg voor draagvlak",
    "samenwerkingen": "Breng samenwerkingen in kaart",
    "gebied": "Baken je gebied af",
    "afspraken": "Maak afspraken",
    "stakeholders": "Blijf inzetten op draagvlak",
    "juridische-vorm": "Bepaal de juridische vorm",
    "juridische-structuur": "Richt een juridische structuur op",
    "cultuurnota": "Maak werk van een cultuurnota",
    "communiceren": "Communiceer de afspraken",
    "indienen": "Dien je cultuurnota in",
    "beslissing": "Subsidies toegekend?",
})

ROADMAP_STATUSES = MappingProxyType({"te doen": "Te doen", "bezig": "Bezig", "klaar": "Klaar"})

# Seed 001 step 2: existing regional cooperation to map.
COOPERATION_KINDS = MappingProxyType({
    "erfgoedcel": "Cultureelerfgoedcel",
    "bibliotheekwerking": "Regionale bibliotheekwerking",
    "cultuurcentra": "Collegagroep cultuurcentra (programmatie, communicatie)",
    "uitpas": "Regionale UiTPAS",
    "jeugddiensten": "Regionale samenwerking jeugddiensten",
    "ioed": "IOED (intergemeentelijke onroerend-erfgoeddienst)",
    "andere": "Andere samenwerking",
})

# Seed 001 step 6: the legal forms to choose from.
LEGAL_FORMS = MappingProxyType({
    "projectvereniging": "Projectvereniging",
    "dienstverlenende-vereniging": "Dienstverlenende vereniging",
    "bestaand-samenwerkingsverband": "Aansluiten bij een bestaand samenwerkingsverband (statuten aanpassen)",
})

# Seed 000 §2.2: how a working group per priority works.
WORKING_GROUP_PHASES = MappingProxyType({
    "plannen": "Plannen",
    "exploreren": "Exploreren",
    "strategie-ontwerpen": "Strategie ontwerpen",
    "opvolgen": "Opvolgen tijdens de beleidsperiode",
})

ROLES = MappingProxyType({"regierol": "Regierol (wat het IGS zelf doet)",
                          "actorrol": "Actorrol (wat het IGS in de gemeenten financiert)"})

# The nota's status (nota.status), in the order a region goes through: the board approves the
# draft, then every gemeenteraad; only then is the nota definitief.
NOTA_STATUSES = MappingProxyType({
    "ontwerp": "Ontwerp",
    "goedgekeurd-raad-van-bestuur": "Goedgekeurd door de raad van bestuur",
    "definitief": "Definitief",
})

# Seed 004 §1: the leading questions of the three steps of the omgevingsanalyse. A region lists
# the questions it answers under these keys; a question listed without an answer (or with the
# placeholder below) blocks submission, and so does a step with no answered question at all.
ANALYSIS_STEPS = MappingProxyType({
    "interne_analyse": "Interne analyse van het netwerk",
    "externe_analyse": "Externe analyse van de omgeving",
    "netwerkanalyse": "Netwerkanalyse",
})

LEADING_QUESTIONS = MappingProxyType({
    "interne_analyse": (
        "Hoe werken de gemeentelijke vrijetijdsdiensten?",
        "Hoe zit de taakverdeling en samenwerking met de gemeentelijke diensten welzijn?",
        "Hoe zit het met de (financiële) draagkracht van de armoedepartner(s)?",
        "Hoe zit het met de interne informatie- en communicatiestromen over vrijetijdsparticipatie van "
        "mensen in armoede?",
        "Op welke gemeentelijke en bovenlokale platformen komt vrijetijdsparticipatie voor kwetsbare "
        "groepen aan bod?",
        "Hoe kunnen knelpunten of uitdagingen over vrijetijdsparticipatie van mensen in armoede "
        "gesignaleerd worden?",
        "Hoe betaalbaar, bereikbaar, beschikbaar, begrijpbaar en bruikbaar is het aanbod van de "
        "gemeentelijke en bovenlokale vrijetijdsdiensten?",
        "Wat deden we de afgelopen jaren goed? Wat kon beter? Welke lessen hebben we hieruit getrokken?",
    ),
    "externe_analyse": (
        "Is er een duidelijk zicht op de demografische realiteit? Hoe hoog is het armoedecijfer? Welke "
        "groepen hebben een hoger armoederisico? Zijn er gemeenten die kwetsbaarder zijn dan andere?",
        "Welke vrijetijdsbehoeften hebben kwetsbare groepen in de regio?",
        "Zijn er al bevragingen of gesprekken met mensen in armoede gebeurd? Wat waren de resultaten?",
    ),
    "netwerkanalyse": (
        "Hebben we een overzicht van de contactpersonen van diensten in de gemeenten en de regio met een "
        "opdracht ten aanzien van mensen in armoede?",
        "Welke sleutelfiguren, eerstelijnsmedewerkers of actoren beschikken over relevante informatie en "
        "hoe benutten we die?",
        "Met welke personen of organisaties werken we nog niet samen, maar is samenwerking wel belangrijk?",
        "Zijn er schakels die contact kunnen maken met netwerken, groepen of organisaties die we nog niet "
        "bereiken?",
        "Welke relaties hebben de actoren onderling, wat zijn hun belangen en welke relatie wensen we met "
        "hen?",
    ),
})

# What `igskit nieuw` writes where the coördinator still has to fill something in. Every value
# that starts with it is listed per planning step in the werkversie and blocks submission.
PLACEHOLDER = "IN TE VULLEN"


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and value.strip().upper().startswith(PLACEHOLDER)
