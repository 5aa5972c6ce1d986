/**
 * Word lists the extractive drafter reads notes with: industries (with the synonyms people actually write),
 * countries, places that name a country, languages, job-title words and company-name suffixes.
 * Data only; matching lives with the extractors.
 */

/** Canonical industry label → patterns (case-insensitive, whole words) that indicate it. */
export const INDUSTRIES: ReadonlyArray<{ label: string; pattern: RegExp }> = [
  { label: 'Healthcare', pattern: /\b(?:hospitals?|clinics?|klinikum|kliniken|health ?(?:care|system|trust|service)s?|medical|patients?|physicians?|nursing|care homes?|pharmac(?:y|ies)|NHS)\b/gi },
  { label: 'Financial services', pattern: /\b(?:banks?|banking|credit unions?|insurers?|insurance|fintech|lenders?|lending|loans?|wealth management|asset management|brokerage|financial services|mortgages?|building society)\b/gi },
  { label: 'Retail', pattern: /\b(?:retail(?:ers?)?|stores|supermarkets?|grocer(?:y|s|ies)|e-?commerce|shop floor|high street|department stores?)\b/gi },
  { label: 'Education', pattern: /\b(?:universit(?:y|ies)|colleges?|schools?|school district|campus(?:es)?|students?|semesters?|faculty|academic|K-12|higher education)\b/gi },
  { label: 'Manufacturing', pattern: /\b(?:manufactur(?:er|ers|ing)|factor(?:y|ies)|production lines?|assembly|automakers?|automotive|OEMs?|stamping|machining|press lines?)\b/gi },
  { label: 'Technology', pattern: /\b(?:SaaS|software|tech company|start-?ups?|B2B|cloud provider|IT services|platform company|developer tools)\b/gi },
  { label: 'Logistics', pattern: /\b(?:logistics|freight|shipping|warehous(?:e|es|ing)|3PL|trucking|trucks?|carriers?|cross-dock|distribution cent(?:re|er)s?|supply chain|couriers?|parcel)\b/gi },
  { label: 'Public sector', pattern: /\b(?:public sector|government|councils?|municipalit(?:y|ies)|ministr(?:y|ies)|federal agency|state agency|local authority|city of)\b/gi },
  { label: 'Energy & utilities', pattern: /\b(?:energy|utilit(?:y|ies)|electricity|gas supplier|power (?:company|grid)|grid operator|renewables?|water company|outages?)\b/gi },
  { label: 'Telecommunications', pattern: /\b(?:telecoms?|telecommunications?|telcos?|mobile operators?|broadband|ISP|network operators?)\b/gi },
  { label: 'Media & entertainment', pattern: /\b(?:media company|publishers?|broadcasters?|streaming service|studios?|entertainment)\b/gi },
  { label: 'Hospitality & travel', pattern: /\b(?:hotels?|hospitality|restaurants?|airlines?|travel|tourism|resorts?)\b/gi },
  { label: 'Professional services', pattern: /\b(?:law firms?|consultanc(?:y|ies)|consulting firms?|accounting firms?|professional services)\b/gi },
  { label: 'Non-profit', pattern: /\b(?:non-?profits?|charit(?:y|ies)|NGOs?|foundation)\b/gi },
  { label: 'Real estate & construction', pattern: /\b(?:real estate|property management|construction|builders?|housing associations?)\b/gi },
  { label: 'Life sciences', pattern: /\b(?:pharma(?:ceuticals?)?|biotech|life sciences|clinical trials)\b/gi },
];

/** Country name → other ways of writing it. Demonyms are left out on purpose: "German" is a language too. */
export const COUNTRIES: Record<string, string[]> = {
  'United States': ['United States', 'USA', 'U.S.A.', 'U.S.', 'US', 'America'],
  'United Kingdom': ['United Kingdom', 'UK', 'U.K.', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  Ireland: ['Ireland', 'Republic of Ireland', 'Éire'],
  Canada: ['Canada', 'Atlantic Canada'],
  Mexico: ['Mexico', 'México'],
  Brazil: ['Brazil', 'Brasil'],
  Argentina: ['Argentina'],
  Chile: ['Chile'],
  Colombia: ['Colombia'],
  Peru: ['Peru'],
  Germany: ['Germany', 'Deutschland'],
  Austria: ['Austria', 'Österreich'],
  Switzerland: ['Switzerland', 'Schweiz', 'Suisse'],
  France: ['France'],
  Belgium: ['Belgium', 'België', 'Belgique'],
  Netherlands: ['Netherlands', 'The Netherlands', 'Holland', 'Nederland'],
  Luxembourg: ['Luxembourg'],
  Spain: ['Spain', 'España'],
  Portugal: ['Portugal'],
  Italy: ['Italy', 'Italia'],
  Denmark: ['Denmark', 'Danmark'],
  Sweden: ['Sweden', 'Sverige'],
  Norway: ['Norway', 'Norge'],
  Finland: ['Finland', 'Suomi'],
  Iceland: ['Iceland'],
  Poland: ['Poland', 'Polska'],
  'Czech Republic': ['Czech Republic', 'Czechia'],
  Slovakia: ['Slovakia'],
  Hungary: ['Hungary'],
  Romania: ['Romania'],
  Bulgaria: ['Bulgaria'],
  Greece: ['Greece'],
  Croatia: ['Croatia'],
  Slovenia: ['Slovenia'],
  Serbia: ['Serbia'],
  Estonia: ['Estonia'],
  Latvia: ['Latvia'],
  Lithuania: ['Lithuania'],
  Ukraine: ['Ukraine'],
  Turkey: ['Turkey', 'Türkiye'],
  Israel: ['Israel'],
  'United Arab Emirates': ['United Arab Emirates', 'UAE'],
  'Saudi Arabia': ['Saudi Arabia'],
  Qatar: ['Qatar'],
  Egypt: ['Egypt'],
  Morocco: ['Morocco'],
  Nigeria: ['Nigeria'],
  Kenya: ['Kenya'],
  'South Africa': ['South Africa'],
  India: ['India'],
  Pakistan: ['Pakistan'],
  Bangladesh: ['Bangladesh'],
  China: ['China', 'PRC'],
  'Hong Kong': ['Hong Kong'],
  Taiwan: ['Taiwan'],
  Japan: ['Japan'],
  'South Korea': ['South Korea', 'Korea'],
  Singapore: ['Singapore'],
  Malaysia: ['Malaysia'],
  Indonesia: ['Indonesia'],
  Philippines: ['Philippines'],
  Thailand: ['Thailand'],
  Vietnam: ['Vietnam', 'Viet Nam'],
  Australia: ['Australia'],
  'New Zealand': ['New Zealand', 'Aotearoa'],
};

/**
 * Cities, states and provinces → country. Names shared by several countries (Toledo, Halifax, Perth,
 * Victoria, Cambridge) are left out; the state or country next to them decides.
 */
export const PLACES: Record<string, string> = Object.fromEntries(
  Object.entries({
    'United States': 'New York|Chicago|Boston|San Francisco|Seattle|Los Angeles|Austin|Dallas|Houston|Atlanta|Denver|Miami|Philadelphia|Phoenix|Detroit|Minneapolis|Pittsburgh|Cleveland|Columbus|Nashville|Portland|San Diego|Salt Lake City|Raleigh|Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming',
    Canada: 'Toronto|Montreal|Montréal|Vancouver|Calgary|Edmonton|Ottawa|Winnipeg|Moncton|Quebec|Québec|Ontario|Nova Scotia|New Brunswick|British Columbia|Alberta|Manitoba|Saskatchewan|Newfoundland',
    'United Kingdom': 'London|Leeds|Manchester|Birmingham|Liverpool|Bristol|Sheffield|Newcastle|Nottingham|Edinburgh|Glasgow|Cardiff|Belfast|Oxford|Southampton|Leicester',
    Ireland: 'Dublin|Cork|Limerick|Galway|Waterford',
    Germany: 'Berlin|Munich|München|Hamburg|Frankfurt|Cologne|Köln|Stuttgart|Düsseldorf|Leipzig|Dresden|Hanover|Hannover|Nuremberg|Nürnberg|Bremen|Freiburg|Heidelberg|Bonn|Mannheim|Bavaria|Bayern|Baden-Württemberg|Hesse|Hessen|Saxony|Sachsen|North Rhine-Westphalia|Nordrhein-Westfalen',
    Austria: 'Vienna|Wien|Graz|Salzburg|Innsbruck|Linz',
    Switzerland: 'Zurich|Zürich|Geneva|Genève|Basel|Bern|Lausanne|Lucerne',
    France: 'Paris|Lyon|Marseille|Toulouse|Bordeaux|Lille|Nantes|Strasbourg|Nice',
    Netherlands: 'Amsterdam|Rotterdam|Utrecht|The Hague|Den Haag|Eindhoven|Venlo|Groningen',
    Belgium: 'Brussels|Bruxelles|Antwerp|Antwerpen|Ghent|Gent|Leuven',
    Spain: 'Madrid|Barcelona|Valencia|Seville|Sevilla|Bilbao|Málaga',
    Portugal: 'Lisbon|Lisboa|Porto',
    Italy: 'Milan|Milano|Rome|Roma|Turin|Torino|Naples|Florence|Bologna',
    Denmark: 'Copenhagen|Aarhus',
    Sweden: 'Stockholm|Gothenburg|Göteborg|Malmö',
    Norway: 'Oslo|Bergen',
    Finland: 'Helsinki|Espoo|Tampere',
    Poland: 'Warsaw|Kraków|Krakow|Wrocław|Gdańsk',
    'Czech Republic': 'Prague|Brno',
    Mexico: 'Mexico City|Monterrey|Guadalajara',
    Brazil: 'São Paulo|Sao Paulo|Rio de Janeiro',
    India: 'Mumbai|Bangalore|Bengaluru|Delhi|New Delhi|Hyderabad|Chennai|Pune',
    Japan: 'Tokyo|Osaka|Kyoto',
    'United Arab Emirates': 'Dubai|Abu Dhabi',
    'South Africa': 'Johannesburg|Cape Town|Durban',
    Israel: 'Tel Aviv|Jerusalem',
    Australia: 'Sydney|Melbourne|Brisbane|Adelaide|Canberra|Hobart|Queensland|New South Wales|NSW|Tasmania',
    'New Zealand': 'Auckland|Wellington|Christchurch',
  }).flatMap(([country, places]) => places.split('|').map((place) => [place, country])),
);

/** US state codes after a city, as in "Austin, TX". */
export const US_STATE_CODE = /,\s*(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\b/;

export const LANGUAGES = [
  'English', 'German', 'French', 'Spanish', 'Portuguese', 'Italian', 'Dutch', 'Flemish', 'Polish', 'Czech',
  'Swedish', 'Norwegian', 'Danish', 'Finnish', 'Icelandic', 'Greek', 'Turkish', 'Russian', 'Ukrainian',
  'Romanian', 'Hungarian', 'Bulgarian', 'Croatian', 'Serbian', 'Hebrew', 'Arabic', 'Persian', 'Farsi', 'Hindi',
  'Urdu', 'Bengali', 'Tamil', 'Punjabi', 'Mandarin', 'Cantonese', 'Chinese', 'Japanese', 'Korean',
  'Vietnamese', 'Thai', 'Indonesian', 'Malay', 'Tagalog', 'Swahili', 'Afrikaans', 'Catalan', 'Basque',
  'Galician', 'Welsh', 'Irish', 'Gaelic',
];

/** The word a job title is built around ("Head of …", "… Director", "CIO"). Capitalised in titles. */
export const TITLE_HEADS =
  'Director|Manager|Head|Lead|Officer|President|Vice President|VP|SVP|EVP|AVP|CEO|CIO|CTO|COO|CFO|CMO|CISO|CDO|CHRO|CRO|CPO|CCO|Founder|Co-founder|Cofounder|Owner|Partner|Administrator|Architect|Engineer|Coordinator|Supervisor|Superintendent|Dean|Principal|Registrar|Controller|Chair|Chairman|Chairwoman|Chairperson|Treasurer|Analyst|Specialist|Consultant|Physician|Nurse|Pharmacist|Editor|Producer|Strategist|Chief [A-Z][a-z]+ Officer';

/** Words that mark a capitalised sequence as an organisation name. */
export const ORG_SUFFIXES =
  'Inc|Incorporated|Ltd|Limited|LLC|LLP|GmbH|AG|SE|plc|PLC|BV|NV|SA|SAS|Pty|Corp|Corporation|Company|Co|Group|Holdings|Bank|Credit Union|Building Society|Insurance|Assurance|University|College|School|Academy|Hospital|Klinikum|Clinic|Health|Healthcare|Medical|Logistics|Freight|Shipping|Transport|Components|Manufacturing|Industries|Software|Systems|Technologies|Technology|Labs|Energy|Power|Utilities|Water|Telecom|Airlines|Foods|Stores|Retail|Partners|Consulting|Services|Solutions|Council|Authority|Agency|Foundation|Trust|Finance|Capital';
