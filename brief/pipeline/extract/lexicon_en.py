"""Hand-written general English word lists for the entity rules.

Why hand-written: these are closed, stable classes of English (function words, honorifics,
job titles, organisation head nouns, corporate suffixes, demonyms, months) that no lexicon
package covers well. They contain no names of particular people or organisations.
All entries are lower case; callers compare ``word.lower()``.
"""

from __future__ import annotations


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


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

# Titles that may start a name chunk ("President Bill Clinton", "Foreign Minister X").
# Titles that are also common words or name parts: they mark a person only before a first name.
AMBIGUOUS_TITLES = _words("""
major general private first second state justice head father brother sister son mother
champion player leader chief executive senior junior marshal count king queen prince
deputy home trade energy
""")

PREFIX_TITLES = (
    TITLES
    | HONORIFICS
    | _words("""
vice reporters correspondents
deputy acting interim former foreign defence defense finance interior trade economy
justice health education labour labor energy agriculture transport commerce treasury
state home culture information environment senior junior executive first second
""")
)

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
digital devices genomics biosciences biotech healthcare
""")

# Corporate legal suffixes (only these make "X Inc" an organisation by themselves).
CORP_SUFFIXES = _words("""
inc inc. corp corp. co co. cos cos. ltd ltd. llc l.l.c. plc plc. ag a.g. sa s.a. nv n.v. gmbh
spa s.p.a. ab asa bhd pty lp l.p. llp corporation incorporated limited
""")

# Connectors allowed inside a name ("Bank of China", "Ludwig van Beethoven").
NAME_PARTICLES = _words("de del della der den van von da do dos du la le al el bin ben ibn y zu")
JOINERS = _words("of for and & on")

# Acronyms that are not organisations.
ACRONYM_STOP = _words("""
ai ceo cfo coo cto cio gdp gnp tv pc ok am pm bc ad uk us usa u.s. u.k. u.s.a. dna hiv aids
cd dvd it ipo gmt est edt pst utc eta era rbi api gpu cpu vr ar iq id suv usb pr hr fm mp mvp
hq phd mba ma bsc usd eur gbp jpy cny vat q1 q2 q3 q4 h1 h2 ft kg km mph rpm faq diy vip
rmb libor s&l c.d. cd cds t-bill rna nasa's
covid sars ap ok i ii iii iv v vi vii viii ix x xi xii am fm ac dc sms gps lng lpg
nw ne se sw n s e w p.m a.m ceo's
""")

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

# Words common at the start of headings and in section titles, or generic capitalised words
# that must not seed a short-name alias of a longer organisation.
GENERIC_CAPS = _words("""
new national international united american general first global world royal federal
state central great greater north south east west northern southern eastern western
the big old grand standard universal public private people's peoples popular social
china asia europe pacific atlantic
""")

# Words that show the capitalised chunk just before them is an organisation
# ("X shares", "X spokesman", "X co-founder", "X CEO").
ORG_NEXT = _words("""
shares stock stocks shareholders stockholders spokesman spokeswoman spokesperson
executives employees staff workers officials board subsidiary unit units division
ceo cfo coo cto chairman chairwoman president co-founder cofounder founder founders
chief director directors analysts engineers researchers scientists investors economists strategists
headquarters plant plants factory factories stores customers users subscribers
products product share securities bonds earnings revenue revenues profit profits
owned backed funded controlled financed
""")

# Verbs typical of a person as subject right after a name ("X said", "X told").
PERSON_VERBS = _words("""
said says told added noted explained argued recalled wrote asked replied insisted admitted
acknowledged stressed warned urged believes thinks thought feels felt smiled laughed died
married resigned retired testified confessed pleaded apologized apologised recalls
""")

# Verbs/contexts typical of reporting organisations.
ORG_PARTNER_NOUNS = _words("""
partnership deal agreement merger contract talks venture alliance collaboration
acquisition investment stake
""")

# Words that make a lowercase noun phrase a list trigger for organisations:
# "rivals like X, Y and Z", "companies such as X".
LIST_TRIGGERS = _words("such like including include includes as")

# Sports vocabulary, used only to tell a sports report (where clubs are named after places).
SPORTS_WORDS = _words("""
match matches goal goals scored score scorer scorers beat beats defeated drew draw
league cup championship champions tournament season innings wicket wickets runs
halftime half-time striker midfielder goalkeeper defender coach penalty penalties
soccer football cricket rugby baseball basketball hockey tennis golf racing
inning pitcher homer homers batting bowling quarter-final semi-final semifinal final
fixture fixtures standings played won lost points victory defeat win wins qualifier
""")

# Verbs of a team beating or playing another ("X beat Y", "X drew with Y").
SPORTS_VERBS = _words("""
beat beats defeated drew draw lost lose loses won win wins edged thrashed routed
crushed overcame trailed led hosted host hosts play plays played against v vs vs.
""")

# Government departments that news names by their field alone before "Secretary"
# ("Treasury Secretary X", "Transportation Secretary Y") or after "Secretary of" ("Secretary of State").
DEPARTMENTS = _words("""
treasury transportation labor labour commerce energy agriculture interior defense defence education
justice health housing state veterans affairs human services urban development homeland security
""")
