/**
 * Places and people for the synthetic advocate generator (generate.ts): countries with cities, the wider
 * regions reps name ("DACH", "the Midwest", "LATAM"), the languages advocates speak and name pools.
 */
export interface Place {
  country: string;
  cities: string[];
  /** How a rep may name the area instead of the country. */
  areas: string[];
  languages: string[];
  names: keyof typeof NAMES;
  /** Company-name first words. */
  prefixes: string[];
  weight: number;
}

export const NAMES = {
  english: {
    first: ['James', 'Emily', 'Michael', 'Sarah', 'David', 'Rachel', 'Robert', 'Hannah', 'Daniel', 'Olivia', 'Mark', 'Laura'],
    last: ['Carter', 'Adams', 'Stevens', 'Grant', 'O\'Connor', 'Miller', 'Hughes', 'Bennett', 'Foster', 'Reid', 'Walsh', 'Chen'],
  },
  german: {
    first: ['Anna', 'Thomas', 'Katrin', 'Stefan', 'Julia', 'Markus', 'Sabine', 'Jonas', 'Lena', 'Andreas'],
    last: ['Weber', 'Müller', 'Schmidt', 'Fischer', 'Becker', 'Hoffmann', 'Wagner', 'Keller', 'Brandt', 'Vogel'],
  },
  french: {
    first: ['Claire', 'Julien', 'Camille', 'Nicolas', 'Sophie', 'Antoine', 'Élodie', 'Mathieu'],
    last: ['Dubois', 'Martin', 'Lefèvre', 'Moreau', 'Girard', 'Fontaine', 'Rousseau', 'Lambert'],
  },
  spanish: {
    first: ['Luis', 'Carmen', 'Diego', 'Lucía', 'Javier', 'Sofía', 'Alejandro', 'Valentina'],
    last: ['Fernández', 'García', 'Alvarez', 'Romero', 'Navarro', 'Torres', 'Ruiz', 'Morales'],
  },
  italian: {
    first: ['Marco', 'Giulia', 'Luca', 'Francesca', 'Matteo', 'Chiara'],
    last: ['Bianchi', 'Rossi', 'Ricci', 'Conti', 'Greco', 'Marino'],
  },
  nordic: {
    first: ['Sven', 'Ingrid', 'Lars', 'Astrid', 'Mikkel', 'Freja', 'Jukka', 'Sanna'],
    last: ['Eriksson', 'Lindqvist', 'Hansen', 'Nielsen', 'Virtanen', 'Johansson', 'Berg', 'Dahl'],
  },
  dutch: {
    first: ['Pieter', 'Femke', 'Daan', 'Sanne', 'Bram', 'Lotte'],
    last: ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Peeters'],
  },
  portuguese: {
    first: ['João', 'Ana', 'Pedro', 'Beatriz', 'Rafael', 'Mariana'],
    last: ['Silva', 'Santos', 'Costa', 'Oliveira', 'Pereira', 'Almeida'],
  },
  japanese: {
    first: ['Kenji', 'Yuki', 'Hiroshi', 'Aiko', 'Takeshi', 'Naoko'],
    last: ['Watanabe', 'Tanaka', 'Suzuki', 'Sato', 'Kobayashi', 'Yamamoto'],
  },
  indian: {
    first: ['Priya', 'Rahul', 'Ananya', 'Vikram', 'Aisha', 'Arjun'],
    last: ['Nair', 'Sharma', 'Iyer', 'Patel', 'Rahman', 'Mehta'],
  },
  arabic: {
    first: ['Omar', 'Layla', 'Khalid', 'Noor', 'Yousef', 'Mariam'],
    last: ['Al-Mansouri', 'Haddad', 'Al-Farsi', 'Nasser', 'Khoury', 'Saleh'],
  },
} as const;

export const PLACES: Place[] = [
  { country: 'USA', cities: ['Columbus, Ohio', 'Chicago, Illinois', 'Austin, Texas', 'Boston, Massachusetts', 'San Diego, California', 'Tampa, Florida', 'Minneapolis, Minnesota', 'Portland, Maine'], areas: ['the US', 'North America', 'the Midwest', 'New England', 'the West Coast'], languages: ['English'], names: 'english', prefixes: ['Harbor', 'Summit', 'Pinecrest', 'Mercy Valley', 'Lakeshore', 'Pacific Crest', 'Liberty', 'Prairie'], weight: 24 },
  { country: 'Canada', cities: ['Toronto', 'Vancouver', 'Calgary', 'Montreal'], areas: ['North America', 'Canada'], languages: ['English', 'French'], names: 'english', prefixes: ['Maple', 'Northern', 'True North', 'Cascade'], weight: 4 },
  { country: 'UK', cities: ['London', 'Manchester', 'Leeds', 'Glasgow', 'Bristol', 'Edinburgh'], areas: ['Britain', 'the UK', 'EMEA', 'Europe'], languages: ['English'], names: 'english', prefixes: ['Evergreen', 'Thames', 'Albion', 'Brightwater', 'Highland'], weight: 9 },
  { country: 'Ireland', cities: ['Dublin', 'Cork', 'Galway'], areas: ['Europe', 'EMEA'], languages: ['English'], names: 'english', prefixes: ['Shamrock', 'Liffey', 'Atlantic'], weight: 2 },
  { country: 'Germany', cities: ['Hamburg', 'Munich', 'Berlin', 'Cologne', 'Stuttgart', 'Frankfurt'], areas: ['DACH', 'Europe', 'EMEA', 'the EU'], languages: ['German', 'English'], names: 'german', prefixes: ['Nordstadt', 'Rheinland', 'Frischmarkt', 'Alpen', 'Elbe', 'Bayern'], weight: 9 },
  { country: 'Austria', cities: ['Vienna', 'Graz', 'Innsbruck', 'Salzburg'], areas: ['DACH', 'Europe', 'the Alps'], languages: ['German'], names: 'german', prefixes: ['Donau', 'Tirol', 'Alpen'], weight: 2 },
  { country: 'Switzerland', cities: ['Zurich', 'Basel', 'Geneva', 'Bern'], areas: ['DACH', 'Europe', 'the Alps'], languages: ['German', 'French', 'English'], names: 'german', prefixes: ['Helvetia', 'Matterhorn', 'Leman'], weight: 2 },
  { country: 'France', cities: ['Paris', 'Lyon', 'Nantes', 'Toulouse', 'Lille'], areas: ['Europe', 'EMEA', 'the EU'], languages: ['French', 'English'], names: 'french', prefixes: ['Loire', 'Lumière', 'Provence', 'Atlantique'], weight: 5 },
  { country: 'Spain', cities: ['Madrid', 'Barcelona', 'Valencia', 'Seville'], areas: ['Iberia', 'Europe', 'the EU'], languages: ['Spanish', 'English'], names: 'spanish', prefixes: ['Meridional', 'Iberia', 'Sol', 'Castilla'], weight: 4 },
  { country: 'Portugal', cities: ['Lisbon', 'Porto'], areas: ['Iberia', 'Europe'], languages: ['Portuguese', 'English'], names: 'portuguese', prefixes: ['Lusitânia', 'Tejo', 'Atlântico'], weight: 2 },
  { country: 'Italy', cities: ['Milan', 'Rome', 'Turin', 'Bologna'], areas: ['Europe', 'the EU'], languages: ['Italian', 'English'], names: 'italian', prefixes: ['San Luca', 'Adriatica', 'Lombarda'], weight: 3 },
  { country: 'Netherlands', cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven'], areas: ['Benelux', 'Europe'], languages: ['Dutch', 'English'], names: 'dutch', prefixes: ['Polder', 'Oranje', 'Delta'], weight: 3 },
  { country: 'Belgium', cities: ['Brussels', 'Antwerp', 'Ghent'], areas: ['Benelux', 'Europe'], languages: ['Dutch', 'French', 'English'], names: 'dutch', prefixes: ['Schelde', 'Brabant'], weight: 2 },
  { country: 'Sweden', cities: ['Stockholm', 'Gothenburg', 'Malmö'], areas: ['the Nordics', 'Scandinavia', 'Europe'], languages: ['Swedish', 'English'], names: 'nordic', prefixes: ['Nordic', 'Skåne', 'Vasa'], weight: 2 },
  { country: 'Denmark', cities: ['Copenhagen', 'Aarhus'], areas: ['the Nordics', 'Scandinavia'], languages: ['Danish', 'English'], names: 'nordic', prefixes: ['Øresund', 'Jylland'], weight: 2 },
  { country: 'Finland', cities: ['Helsinki', 'Tampere'], areas: ['the Nordics', 'Europe'], languages: ['Finnish', 'English'], names: 'nordic', prefixes: ['Aurora', 'Suomi'], weight: 1 },
  { country: 'Japan', cities: ['Tokyo', 'Osaka', 'Sapporo', 'Nagoya'], areas: ['Asia', 'APAC'], languages: ['Japanese'], names: 'japanese', prefixes: ['Sakura', 'Hokkaido', 'Kansai'], weight: 3 },
  { country: 'India', cities: ['Bangalore', 'Mumbai', 'Pune', 'Chennai'], areas: ['Asia', 'APAC', 'South Asia'], languages: ['English', 'Hindi'], names: 'indian', prefixes: ['Deccan', 'Ganga', 'Lotus'], weight: 3 },
  { country: 'Singapore', cities: ['Singapore'], areas: ['Asia', 'APAC', 'Southeast Asia'], languages: ['English'], names: 'english', prefixes: ['Lion City', 'Straits'], weight: 2 },
  { country: 'Australia', cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth'], areas: ['APAC', 'Australia and New Zealand'], languages: ['English'], names: 'english', prefixes: ['Southern Cross', 'Coral', 'Outback'], weight: 3 },
  { country: 'UAE', cities: ['Dubai', 'Abu Dhabi'], areas: ['the Middle East', 'the Gulf', 'EMEA'], languages: ['Arabic', 'English'], names: 'arabic', prefixes: ['Gulf', 'Falcon', 'Oasis'], weight: 2 },
  { country: 'Saudi Arabia', cities: ['Riyadh', 'Jeddah'], areas: ['the Middle East', 'the Gulf'], languages: ['Arabic', 'English'], names: 'arabic', prefixes: ['Najd', 'Red Sea'], weight: 1 },
  { country: 'Mexico', cities: ['Mexico City', 'Monterrey', 'Guadalajara'], areas: ['Latin America', 'LATAM'], languages: ['Spanish', 'English'], names: 'spanish', prefixes: ['Azteca', 'Sierra', 'ModaViva'], weight: 2 },
  { country: 'Brazil', cities: ['São Paulo', 'Rio de Janeiro', 'Curitiba'], areas: ['Latin America', 'LATAM'], languages: ['Portuguese', 'English'], names: 'portuguese', prefixes: ['Paulista', 'Amazonas', 'Ipê'], weight: 2 },
];
