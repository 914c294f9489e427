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

SUBSECTORS = MappingProxyType({
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

# The nota's status (nota.status), in the order a region goes through: the board approves the
# draft, then every gemeenteraad; only then is the nota definitief.
NOTA_STATUSES = MappingProxyType({
    "ontwerp": "Ontwerp",
    "goedgekeurd-raad-van-bestuur": "Goedgekeurd door de raad van bestuur",
    "definitief": "Definitief",
})
