"""The word lists the drafting rules use: small, English, news-style, and written down here so that
what the rules know is in one place."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The words of a list written as text, one space or line break apart."""
    return frozenset(text.split())


def names(text: str) -> frozenset[str]:
    """Names of several words, "|" apart (line breaks and spaces around them do not count)."""
    return frozenset(" ".join(name.split()) for name in text.split("|"))


ABBREVIATIONS = words(
    """Mr. Mrs. Ms. Dr. Prof. St. Jr. Sr. Gen. Sen. Rep. Gov. Lt. Col. Capt. Sgt. Adm. Maj.
    Rev. Fr. Pres. Supt. Insp. Det. Cmdr. No. vs. etc. Inc. Co. Corp. Ltd. Jan. Feb. Mar.
    Apr. Aug. Sept. Sep. Oct. Nov. Dec. Mt. Ft. Ave. Blvd. approx."""
)

# Words that start a sentence after an abbreviation such as "U.S." ends the one before.
SENTENCE_STARTERS = words(
    """The A An But And In On At It He She They We I This That These Those There Then Yet So
    Still However Meanwhile Since After Before When While"""
)

# Titles written before a name, which are the person's role ("President Masoud Pezeshkian").
TITLES = words(
    """President Vice Prime Minister Chancellor Premier Secretary Senator Sen. Representative
    Rep. Governor Gov. Mayor Judge Justice Ambassador Ayatollah Sheikh King Queen Prince
    Princess Pope Cardinal Bishop Archbishop Rabbi Imam Father Sister Reverend Rev. General
    Gen. Admiral Adm. Colonel Col. Captain Capt. Lieutenant Lt. Major Maj. Sergeant Sgt.
    Commander Cmdr. Marshal Director Chairman Chairwoman Chair Chief Commissioner
    Superintendent Supt. Inspector Detective Det. Officer Coach Professor Prof. Dr. Speaker
    Councilman Councilwoman Councillor Councilor Alderman Sheriff Attorney Minister Deputy
    Foreign Defense Defence Finance Interior Health Education Economy Trade Energy Justice
    Labor Labour State Home Acting Former Interim First Lady Crown Grand Supreme Assistant
    Associate Executive Managing Senior Junior Lord Lady Dame Sir Baroness Baron
    Chief-Executive Lawmaker Treasurer Auditor Registrar Provost Dean Principal Headmaster
    Headmistress Nurse Pastor Local MP MEP"""
)
# Of those, the ones that are a title on their own (not only a modifier: "Foreign", "Deputy").
TITLE_HEADS = words(
    """President Minister Chancellor Premier Secretary Senator Sen. Representative Rep.
    Governor Gov. Mayor Judge Justice Ambassador Ayatollah Sheikh King Queen Prince Princess
    Pope Cardinal Bishop Archbishop Rabbi Imam Father Sister Reverend Rev. General Gen.
    Admiral Adm. Colonel Col. Captain Capt. Lieutenant Lt. Major Maj. Sergeant Sgt.
    Commander Cmdr. Marshal Director Chairman Chairwoman Chair Chief Commissioner
    Superintendent Supt. Inspector Detective Det. Officer Coach Professor Prof. Dr. Speaker
    Councilman Councilwoman Councillor Councilor Alderman Sheriff Attorney Lord Lady Dame
    Sir Baroness Baron Treasurer Auditor Registrar Provost Dean Principal Headmaster
    Headmistress Nurse Pastor MP MEP"""
)
HONORIFICS = {"Mr.": "male", "Mrs.": "female", "Ms.": "female", "Miss": "female", "Dr.": None}
GENDERED_TITLES = {
    "King": "male",
    "Queen": "female",
    "Prince": "male",
    "Princess": "female",
    "Sir": "male",
    "Lady": "female",
    "Dame": "female",
    "Baroness": "female",
    "Baron": "male",
    "Father": "male",
    "Sister": "female",
    "Councilman": "male",
    "Councilwoman": "female",
    "Chairman": "male",
    "Chairwoman": "female",
    "Headmaster": "male",
    "Headmistress": "female",
}

# Nouns that name what a person is or does: the head of a role ("the Kremlin's spokesman").
ROLE_NOUNS = words(
    """president minister chancellor premier secretary senator representative governor mayor
    judge justice ambassador envoy diplomat king queen prince princess leader head chief
    director chairman chairwoman chair chairperson commissioner officer official spokesman
    spokeswoman spokesperson analyst expert researcher scientist economist professor
    lecturer teacher student pupil principal headteacher dean historian writer author
    journalist reporter editor correspondent columnist photographer lawyer attorney
    prosecutor advocate engineer architect doctor physician surgeon nurse midwife pharmacist
    farmer beekeeper baker chef cook owner founder co-founder manager executive ceo cfo coo
    entrepreneur investor banker trader accountant consultant adviser advisor aide assistant
    deputy counterpart colleague partner member candidate lawmaker legislator politician
    activist campaigner organizer organiser volunteer coordinator coach player captain
    striker goalkeeper athlete runner swimmer artist painter singer musician composer actor
    actress director producer designer curator librarian archivist mechanic driver pilot
    soldier general colonel commander sergeant lieutenant admiral marshal police policeman
    policewoman detective inspector sheriff firefighter paramedic nun priest bishop pastor
    imam rabbi monk resident neighbour neighbor parent mother father son daughter wife
    husband widow brother sister grandmother grandfather child fisherman fishermen
    shopkeeper worker employee staffer technician programmer developer inventor
    mathematician physicist chemist biologist geologist astronomer ecologist botanist
    zoologist veterinarian vet specialist strategist negotiator mediator representative
    delegate observer inspector auditor treasurer clerk registrar superintendent supervisor
    foreman landlord tenant owner operator proprietor publisher broadcaster presenter host
    commentator critic scholar fellow dean provost rector headmaster headmistress mp mep
    councillor councilor councilman councilwoman alderman sheriff magistrate regulator
    economist planner surveyor ranger warden guide curator nominee appointee successor
    predecessor ally rival opponent challenger incumbent chieftain elder mayor-elect
    president-elect holder season-ticket fan supporter"""
)

# Words after which a quotation is someone's words ("said", "told", "wrote").
SPEECH_VERBS = words(
    """say says said tell tells told adds added write writes wrote asks asked explains
    explained noted argues argued insists insisted stated declares declared warns warned
    recalls recalled continued replies replied responded posted tweeted acknowledged admits
    admitted announces announced claimed commented complained concedes conceded concluded
    confirms confirmed cautioned emphasizes emphasized emphasises emphasised observed
    predicted promised remarked reported stressed suggested testified urges urged joked
    recounted shouted whispered vows vowed specifies specified stipulates stipulated states
    reads agreed described called quipped boasted mused pledged asserted recommends
    recommended finds found saying adding calling describing writing telling warning noting
    arguing insisting"""
)
# Speech verbs that never take a person's quotation as their object after the quote ("called").
ATTRIBUTION_ONLY_BEFORE = frozenset(
    {"called", "calls", "call", "describe", "describes", "described", "calling", "describing"}
)

# Nouns that make a speaker a document, a group of people or an organisation, not a person.
DOCUMENT_NOUNS = words(
    """treaty agreement accord deal pact charter constitution law bill act statute decree
    resolution declaration communique communiqué statement report document letter memo
    memorandum filing complaint lawsuit indictment ruling verdict judgment order study
    survey poll paper text transcript release manifesto plan policy guidance guidelines
    contract protocol convention note notice announcement post message email e-mail sign
    placard website site leaflet brochure bulletin advisory warning forecast minutes"""
)
GROUP_NOUNS = words(
    """officials officers authorities analysts experts critics residents protesters
    demonstrators lawmakers legislators investigators prosecutors police diplomats observers
    economists scientists researchers doctors teachers parents students leaders sources
    witnesses organizers organisers supporters opponents activists members workers employees
    executives spokespeople people neighbors neighbours villagers locals farmers campaigners"""
)
ORGANISATION_NOUNS = words(
    """ministry government administration kremlin company firm agency department office council
    committee commission court parliament senate congress cabinet embassy army navy police
    union party organization organisation group association federation institute university
    school college hospital bank fund foundation board authority service network newspaper
    broadcaster channel television radio outlet magazine station club team league coalition
    alliance regime county municipality trust"""
)
# Words inside a capitalised name that make it an organisation or a place, not a person.
ORGANISATION_WORDS = words(
    """Council Organization Organisation Ministry Department Agency Bank Company Corporation
    Corp. Inc. Ltd. Co. Group Party Union Committee Commission Court Parliament Senate
    Congress Assembly Institute University College School Academy Hospital Clinic Foundation
    Fund Trust Association Society Federation League Club Team Board Authority Service
    Office Bureau Times Post News Journal Herald Tribune Gazette Guardian Telegraph Weekly
    Daily Press Radio Television TV Network Channel Agency Museum Library Church Mosque
    Temple Cathedral Forces Army Navy Guard Police Corps Cabinet Administration Government
    Treaty Pact Accord Summit Conference Forum Festival Fair Market Center Centre Station
    Airport Port Prize Award Games Olympics Cup Championship Program Programme Project
    Initiative Campaign Movement Alliance Coalition Front Council Exchange Reserve
    Secretariat Directorate Embassy Consulate Kremlin Pentagon Parliament Duma Knesset
    Majlis Bundestag Congress Capitol Hall Chamber Commerce Capital Partners Holdings Group
    Trust Energy Motors Airlines Airways Systems Technologies Technology Labs Pharmaceuticals
    Foods Media Solutions Industries Enterprises Ventures Brands Logistics Insurance Buses Bus
    Rail Railways Railway Transit Trains Lines Coaches Ferries Taxis"""
)
PLACE_WORDS = words(
    """Sea Gulf Strait Ocean River Lake Bay Mountains Mountain Mount Mt. Island Islands
    Peninsula Valley Desert Coast Canal Basin Plateau Plain Plains Falls Forest Park Square
    Street St. Avenue Ave. Road Lane Way Bridge Province County District Region Republic
    Kingdom Emirates States City Town Village Harbor Harbour Heights Hills Hill Beach Cape
    Delta Sound Pass Channel Border Square Quarter Territory Territories Oblast Prefecture"""
)
# Countries, regions and large cities; a capitalised name in this list is a place.
PLACES = words(
    """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
    Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan
    Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burkina Burundi Cambodia Cameroon Canada
    Chad Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti
    Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon
    Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras
    Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan
    Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia
    Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
    Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco
    Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman
    Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania
    Russia Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain
    Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga
    Tunisia Turkey Türkiye Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu
    Venezuela Vietnam Yemen Zambia Zimbabwe Europe Asia Africa America Americas Antarctica
    Oceania Arctic Caucasus Balkans Scandinavia Siberia Crimea Donbas Gaza Kashmir Tibet
    Xinjiang Kurdistan Catalonia Scotland Wales England Britain Moscow Tehran Beijing
    Washington London Paris Berlin Rome Madrid Kyiv Kiev Minsk Tokyo Delhi Mumbai Cairo
    Riyadh Ankara Istanbul Baghdad Damascus Beirut Jerusalem Brussels Geneva Vienna Warsaw
    Prague Budapest Athens Lisbon Dublin Oslo Stockholm Helsinki Copenhagen Amsterdam Ottawa
    Toronto Chicago Boston Sydney Melbourne Seoul Pyongyang Manila Jakarta Bangkok Hanoi
    Karachi Lahore Kabul Doha Dubai Muscat Baku Yerevan Tbilisi Astana Tashkent Bishkek
    Dushanbe Caracas Havana Bogota Lima Santiago Brasilia Nairobi Lagos Johannesburg
    Kinshasa Addis Khartoum Tripoli Tunis Algiers Rabat Odesa Kharkiv Mariupol Bushehr
    Isfahan Tabriz Mashhad Shiraz Hormuz Ormuz Texas California Florida Ohio Alaska"""
)
MULTIWORD_PLACES = names(
    """United States|United Kingdom|United Arab Emirates|Saudi Arabia|North Korea|
    South Korea|South Africa|New Zealand|Abu Dhabi|Middle East|Far East|Central Asia|
    Southeast Asia|South Asia|East Asia|Latin America|North America|South America|
    Central America|Western Europe|Eastern Europe|Persian Gulf|Caspian Sea|Black Sea|Red Sea|
    Soviet Union|Hong Kong|New York|Los Angeles|San Francisco|Tel Aviv|Sri Lanka|Costa Rica|
    El Salvador|Ivory Coast|Czech Republic|Dominican Republic|Burkina Faso|Sierra Leone|
    Papua New Guinea|Gaza Strip|West Bank|Horn of Africa|Rio de Janeiro|Sao Paulo|São Paulo|
    Buenos Aires|Mexico City|New Delhi|Kuala Lumpur|Cape Town|Addis Ababa|St. Petersburg|
    Saint Petersburg"""
)
DEMONYMS = {
    "Russian": "Russia",
    "Iranian": "Iran",
    "American": "the United States",
    "U.S.": "the United States",
    "British": "Britain",
    "French": "France",
    "German": "Germany",
    "Chinese": "China",
    "Japanese": "Japan",
    "Indian": "India",
    "Israeli": "Israel",
    "Palestinian": "Palestine",
    "Ukrainian": "Ukraine",
    "Syrian": "Syria",
    "Iraqi": "Iraq",
    "Turkish": "Turkey",
    "Saudi": "Saudi Arabia",
    "Egyptian": "Egypt",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Canadian": "Canada",
    "Mexican": "Mexico",
    "Brazilian": "Brazil",
    "Australian": "Australia",
    "Korean": "Korea",
    "Polish": "Poland",
    "Dutch": "the Netherlands",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Belarusian": "Belarus",
    "Georgian": "Georgia",
    "Armenian": "Armenia",
    "Kenyan": "Kenya",
    "Nigerian": "Nigeria",
    "Pakistani": "Pakistan",
    "Afghan": "Afghanistan",
    "Greek": "Greece",
    "Irish": "Ireland",
    "Scottish": "Scotland",
    "Welsh": "Wales",
    "European": "Europe",
    "Portuguese": "Portugal",
    "Finnish": "Finland",
    "Danish": "Denmark",
    "Austrian": "Austria",
    "Swiss": "Switzerland",
    "Belgian": "Belgium",
    "Czech": "the Czech Republic",
    "Hungarian": "Hungary",
    "Romanian": "Romania",
    "Bulgarian": "Bulgaria",
    "Serbian": "Serbia",
    "Croatian": "Croatia",
    "Lebanese": "Lebanon",
    "Jordanian": "Jordan",
    "Qatari": "Qatar",
    "Emirati": "the United Arab Emirates",
    "Vietnamese": "Vietnam",
    "Thai": "Thailand",
    "Filipino": "the Philippines",
    "Indonesian": "Indonesia",
    "Chilean": "Chile",
    "Argentine": "Argentina",
    "Colombian": "Colombia",
    "Peruvian": "Peru",
    "Venezuelan": "Venezuela",
    "Cuban": "Cuba",
    "Moroccan": "Morocco",
    "Algerian": "Algeria",
    "Tunisian": "Tunisia",
    "Libyan": "Libya",
    "Ethiopian": "Ethiopia",
    "Sudanese": "Sudan",
    "Kazakh": "Kazakhstan",
    "Uzbek": "Uzbekistan",
    "Azerbaijani": "Azerbaijan",
    "Icelandic": "Iceland",
    "Estonian": "Estonia",
    "Latvian": "Latvia",
    "Lithuanian": "Lithuania",
    "Western": "the West",
    "Soviet": "the Soviet Union",
}
# Particles inside a person's name ("Bashar al-Assad", "Ursula von der Leyen").
NAME_PARTICLES = words("al el bin ibn abu de da di du del della der den van von la le y")
NAME_PREFIXES = ("al-", "el-", "bin-", "ibn-", "abu-", "Al-", "El-", "O’", "O'", "Mc", "Mac")

# Capitalised words that are not names: sentence-initial function words and the like.
COMMON_CAPITALISED = words(
    """The A An And But Or Nor So Yet For In On At By To From With Without Within Of Off Over
    Under After Before Since Until While When Where Whereas Why How What Who Whom Whose Which
    That This These Those There Here It Its He She They We I You Me Him Her Us Them His Hers
    Our Their My Your If Then Than As Also Although Though Because Unless
    Whether Both Either Neither Each Every All Any Some Many Much Most More Less Few Several
    Such No Not Only Just Even Still Already Now Today Yesterday Tomorrow Tonight Last Next
    First Second Third Later Earlier Meanwhile However Moreover Furthermore Instead Indeed
    Overall Apart Besides Despite According Speaking Asked Asked Among Amid Against Around
    About Above Across Along Beyond During Except Inside Outside Near Past Through
    Throughout Toward Towards Upon Via Per Once Twice One Two Three Four Five Six Seven
    Eight Nine Ten Perhaps Maybe Yes Oh Well Please Thanks Thank Let Let's Do Does Did Is
    Are Was Were Be Been Being Have Has Had Will Would Can Could Should Shall May Might Must
    Intended Unlike Like Given Following Including Together Again Almost Nearly Never Always
    Often Sometimes Recently Finally Eventually Initially Currently Officially Separately
    Similarly Likewise Otherwise Nevertheless Nonetheless Consequently Accordingly
    Subsequently Importantly Still Not New Old Big Mr. Mrs. Ms. Dr. Miss"""
)
WEEKDAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = words(
    """January February March April May June July August September October November December
    Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec."""
)
PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female"}

_NOT_PEOPLE_IST = words(
    "against insist persist consist resist assist exist amidst schist checklist"
)


def is_role_noun(word: str) -> bool:
    """A noun naming what a person is or does: one of ROLE_NOUNS, a compound ending in one
    ("schoolteacher", "co-founder"), or a word in -ist or -ician ("novelist", "technician")."""
    word = word.casefold()
    if word in ROLE_NOUNS:
        return True
    if (
        word.endswith(("ist", "ists"))
        and len(word) >= 7
        and word.rstrip("s") not in _NOT_PEOPLE_IST
    ):
        return True
    if word.endswith(("ician", "icians")):
        return True
    return any(
        len(noun) >= 5 and word.endswith(noun) and len(word) > len(noun) for noun in _LONG_ROLES
    )


_LONG_ROLES = frozenset(n for n in ROLE_NOUNS if len(n) >= 5)
