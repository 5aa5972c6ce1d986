/**
 * A small judged set for bench/embedder.ts: advocate profile texts (fictional customers of a fictional
 * vendor whose products are Shiftwise, Ledgerline, Sentinel, Pulse Analytics, Bridge API and FieldKit) and
 * prospect descriptions as a sales rep would type them, with graded relevance:
 * 3 = the advocate to call, 2 = a good match on most of what matters, 1 = partly relevant.
 * The queries deliberately paraphrase ("Midwest", "Benelux", "nursing homes", "financial close") instead of
 * repeating the profiles' words; a few use product names and acronyms the word vectors lack.
 */

export const PROFILES: Record<string, string> = {
  p01: 'Dr. Anna Weber, Chief Information Officer at Klinikum Nordstadt, a 1,400-bed university hospital in Hamburg, Germany. Uses Shiftwise for nurse and physician rostering and Sentinel for patient data protection. Cut overtime 22% and passed a GDPR audit with no findings. "Our data protection officer signed off in two weeks." Reference calls in German and English.',
  p02: 'Marco Bianchi, Head of Operations at Clinica San Luca, a private clinic group with 9 outpatient sites in Milan, Italy. Uses Shiftwise for appointment scheduling; the no-show rate fell from 18% to 7%. Speaks Italian and English.',
  p03: 'Sarah Lindqvist, IT Director at Region Skåne, a public healthcare provider in Sweden with 30,000 staff. Uses Sentinel and Bridge API to connect the electronic health record. Topics: interoperability, data sovereignty, public procurement.',
  p04: 'James O\'Connor, VP Patient Access at Mercy Valley Health, a 12-hospital health system in Ohio, USA. Uses Shiftwise for patient scheduling and call-centre staffing. HIPAA-compliant rollout in five months; appointment wait times down 35%.',
  p05: 'Priya Nair, Practice Manager at BrightSmile Dental, a chain of 40 dental clinics in the UK. Uses Shiftwise online booking. "Patients book themselves at midnight now." Small IT team, live in six weeks.',
  p06: 'Dr. Kenji Watanabe, Director of Digital Health at Sakura Medical Center in Osaka, Japan. Runs telemedicine and remote consultations with Pulse Analytics dashboards. Japanese speaker.',
  p07: 'Thomas Müller, CIO at Sparkasse Rheinland, a regional savings bank in Cologne, Germany with 2,100 employees. Uses Sentinel for data privacy compliance and Ledgerline for reconciliation. Passed the BaFin audit. German speaker.',
  p08: 'Emily Carter, COO at Harbor Community Credit Union in Maine, USA, 300 staff. Uses Ledgerline to automate the month-end close; close time went from 12 days to 4.',
  p09: 'Luis Fernández, Head of Risk at Banco Meridional, a mid-size retail bank in Madrid, Spain. Uses Sentinel for fraud monitoring and audit trails; PSD2 and GDPR compliance. Spanish speaker.',
  p10: 'Aisha Rahman, CTO at PayNest, a London fintech offering digital payments, 120 employees. Uses Bridge API and runs everything on Kubernetes. "We shipped the integration in one sprint."',
  p11: 'Robert Chen, VP Finance at Pacific Crest Insurance, a property and casualty insurer in California with 4,000 employees. Uses Ledgerline and Pulse Analytics for claims reporting; reporting effort down 40%.',
  p12: 'Claire Dubois, Director of Operations at Assurances Loire, an insurance mutual in Nantes, France. Uses Shiftwise for contact-centre staffing. French speaker.',
  p13: 'Hannah Schmidt, Head of Store Operations at Frischmarkt, a supermarket chain with 220 stores in Austria and southern Germany. Uses Shiftwise for store staff scheduling; labour cost down 8%. German speaker.',
  p14: 'Diego Alvarez, Director of E-commerce at ModaViva, an online fashion retailer in Mexico City, Mexico. Uses Pulse Analytics for conversion analytics; online revenue up 27%. Spanish speaker.',
  p15: 'Olivia Brown, VP Retail at Northern Outfitters, an outdoor apparel retailer with 85 shops across Canada. Uses FieldKit for store audits and Shiftwise for rostering.',
  p16: 'Stefan Novak, Plant Manager at Brno Precision Parts, an automotive supplier in the Czech Republic with 900 workers. Uses FieldKit for maintenance rounds and Pulse Analytics for OEE dashboards; unplanned downtime down 30%.',
  p17: 'Linda Johansson, Head of Maintenance at Nordvind Energy, a wind farm operator in Denmark. Uses FieldKit to dispatch technicians to offshore turbines; safety incidents halved.',
  p18: 'Rajesh Kumar, CIO at Shakti Steel, a steel manufacturer in Pune, India with 12,000 employees. Uses Sentinel for SAP access governance and Pulse Analytics. Hindi and English.',
  p19: 'Mike Thompson, Operations Director at Great Lakes Utilities, an electric and gas utility in Michigan, USA. Uses FieldKit for field crews; 20% more jobs completed per day.',
  p20: 'Sophie Martin, Digital Transformation Lead at the City of Lyon, France (municipal government). Uses Bridge API to connect citizen services with data hosted in the EU. French speaker.',
  p21: 'David Okafor, IT Manager at Lagos State University, Nigeria. Uses Shiftwise for lecture timetabling and exam scheduling.',
  p22: 'Karen Wilson, Technology Director at Cedar Falls School District, Iowa, USA, 14 K-12 schools. Uses Shiftwise for substitute teacher scheduling; strict student data privacy (FERPA).',
  p23: 'Ingrid Olsen, Vice-Rector at the University of Bergen, Norway. Uses Pulse Analytics to improve student retention.',
  p24: 'Pieter de Vries, Fleet Director at Rotterdam Freight Lines, a logistics and trucking company in the Netherlands with 1,500 drivers. Uses Shiftwise for driver shift planning and FieldKit for proof of delivery. Dutch and English.',
  p25: 'Ana Costa, Operations Manager for ground handling at Lusitania Airlines in Lisbon, Portugal. Uses Shiftwise for crew rostering under EU working time rules. Portuguese speaker.',
  p26: 'Wei Zhang, VP Supply Chain at Pearl River Electronics in Shenzhen, China. Uses Pulse Analytics to monitor supplier risk. Mandarin speaker.',
  p27: 'Nadia Haddad, Head of Security at CloudPeak, a SaaS company in Austin, Texas with 600 employees. Uses Sentinel for SOC 2 evidence collection and Kubernetes access reviews; SOC 2 Type II in four months.',
  p28: 'Lars Becker, VP Engineering at Telenova, a mobile telecom operator in Berlin, Germany. Uses Bridge API for billing integration across 20 million subscribers.',
  p29: 'Fatima Al-Sayed, CIO at Gulf Telecom in Dubai, UAE. Uses Sentinel to keep customer data in-country (data residency). Arabic and English.',
  p30: 'Julia Rossi, Revenue Director at Alpine Resorts Group, 14 hotels in Switzerland and Austria. Uses Shiftwise for housekeeping schedules with many seasonal staff. German and Italian.',
  p31: 'Ben Harris, owner of Harris Family Restaurants, six restaurants in Sydney, Australia. Uses the Shiftwise mobile app. Small business, no IT staff.',
  p32: 'Maria Gonzalez, HR Director at Solaris Hotels, a resort chain in Cancún and the Caribbean. Uses Shiftwise; staff turnover down 15%.',
  p33: 'Dr. Elena Petrova, Head of Clinical Operations at BioNova Therapeutics, a biotech in Basel, Switzerland. Uses Sentinel for GxP audit trails and Pulse Analytics for clinical trial dashboards.',
  p34: 'Mark Stevens, Quality Director at Meridian Pharma, a generic drug manufacturer in New Jersey, USA. Uses FieldKit for cleanroom inspections; FDA audit with zero observations.',
  p35: 'Yuki Tanaka, IT Manager at Hokkaido Regional Bank in Sapporo, Japan. Uses Ledgerline for branch cash reconciliation. Japanese speaker.',
  p36: 'Oliver Grant, Head of Customer Service at Evergreen Water, a water utility in Scotland, UK. Uses Shiftwise for call-centre scheduling and FieldKit for leak repair crews.',
  p37: 'Sven Eriksson, CISO at Nordic Mutual Bank in Stockholm, Sweden. Uses Sentinel for privileged access and GDPR data subject requests. Swedish and English.',
  p38: 'Rachel Adams, Nurse Manager at Pinecrest Senior Living, 25 care homes in Florida, USA. Uses Shiftwise for caregiver scheduling; agency staff spend down 40%.',
};

export interface JudgedQuery {
  text: string;
  /** Profile id → grade (1..3); unlisted profiles are 0. */
  relevant: Record<string, 1 | 2 | 3>;
}

export const QUERIES: JudgedQuery[] = [
  { text: 'mid-size hospital in Germany, worried about data privacy, evaluating us for patient scheduling', relevant: { p01: 3, p02: 2, p03: 2, p04: 2, p05: 1, p38: 1, p06: 1 } },
  { text: 'regional bank in the Midwest looking to automate the financial close', relevant: { p08: 3, p35: 2, p07: 2, p11: 1, p09: 1 } },
  { text: 'fintech startup building on kubernetes, needs a fast API integration', relevant: { p10: 3, p27: 2, p28: 1, p20: 1 } },
  { text: 'GDPR compliance for a Spanish bank', relevant: { p09: 3, p07: 2, p37: 2, p01: 1 } },
  { text: 'grocery chain wants to cut labour costs with better rostering', relevant: { p13: 3, p15: 2, p30: 1, p32: 1, p31: 1 } },
  { text: 'car parts manufacturer trying to reduce machine downtime', relevant: { p16: 3, p18: 1, p34: 1, p17: 1 } },
  { text: 'offshore wind operator dispatching field technicians', relevant: { p17: 3, p19: 2, p36: 1 } },
  { text: 'K-12 school district, student data privacy, substitute scheduling', relevant: { p22: 3, p21: 1, p23: 1 } },
  { text: 'dental practice group in Britain wants online booking', relevant: { p05: 3, p02: 2, p04: 1 } },
  { text: 'insurance company in California wants better claims analytics', relevant: { p11: 3, p12: 2 } },
  { text: 'French-speaking reference in local government', relevant: { p20: 3, p12: 2 } },
  { text: 'telecom operator integrating its billing system', relevant: { p28: 3, p29: 2, p10: 1 } },
  { text: 'SOC 2 audit evidence for a software company', relevant: { p27: 3, p10: 1, p33: 1 } },
  { text: 'pharmaceutical company facing an FDA inspection, quality team', relevant: { p34: 3, p33: 2 } },
  { text: 'hotel group in the Alps scheduling seasonal workers', relevant: { p30: 3, p32: 2, p13: 1 } },
  { text: 'trucking company planning driver shifts in Benelux', relevant: { p24: 3, p25: 1, p26: 1 } },
  { text: 'nursing homes struggling with caregiver shortages and agency costs', relevant: { p38: 3, p04: 1, p01: 1 } },
  { text: 'Japanese bank modernising branch operations', relevant: { p35: 3, p06: 1, p07: 1, p08: 1 } },
  { text: 'university improving student retention with analytics', relevant: { p23: 3, p21: 1, p22: 1 } },
  { text: 'electronics maker worried about supply chain risk in China', relevant: { p26: 3, p18: 1 } },
  { text: 'CISO at a Nordic bank, privileged access management', relevant: { p37: 3, p07: 1, p09: 1, p03: 1 } },
  { text: 'small restaurant business without an IT department wants a staff scheduling app', relevant: { p31: 3, p05: 1, p32: 1 } },
  { text: 'telehealth provider in Asia', relevant: { p06: 3, p04: 1 } },
  { text: 'data residency in the Middle East for a telco', relevant: { p29: 3, p28: 1, p03: 1 } },
  { text: 'clinical trial dashboards for a Swiss biotech', relevant: { p33: 3, p34: 1, p06: 1 } },
  { text: 'water or electricity utility wants more productive field crews', relevant: { p19: 3, p36: 3, p17: 2 } },
  { text: 'airline ground crew rostering under EU working time rules', relevant: { p25: 3, p24: 1 } },
  { text: 'online fashion retailer in Latin America increasing conversion', relevant: { p14: 3, p15: 1 } },
  { text: 'Shiftwise reference in healthcare', relevant: { p01: 3, p02: 3, p04: 3, p05: 3, p38: 2 } },
  { text: 'Ledgerline customer in banking', relevant: { p07: 3, p08: 3, p35: 3, p11: 1 } },
];

/**
 * Written after the lexicon and the parameters were frozen, and never used to tune them: an estimate of
 * how well the choices carry over to wording nobody tuned for (still the same author, so still optimistic).
 */
export const HELD_OUT_QUERIES: JudgedQuery[] = [
  { text: 'medical center in Bavaria that wants nurses to swap shifts easily', relevant: { p01: 3, p38: 1, p04: 1, p02: 1 } },
  { text: 'a savings and loan in New England trying to speed up accounting', relevant: { p08: 3, p07: 1, p35: 1 } },
  { text: 'payments company in Europe that wants to plug in via APIs quickly', relevant: { p10: 3, p09: 1, p20: 1, p28: 1 } },
  { text: 'Swedish public hospital network worried about where patient records are stored', relevant: { p03: 3, p01: 2, p37: 1 } },
  { text: 'big box retailer in Canada doing store inspections', relevant: { p15: 3, p13: 2 } },
  { text: 'electricity company in the Great Lakes region, crew dispatch', relevant: { p19: 3, p17: 2, p36: 1 } },
  { text: 'Mexican e-commerce brand wants to grow online sales', relevant: { p14: 3, p15: 1 } },
  { text: 'steelmaker in South Asia needing SAP access controls', relevant: { p18: 3, p16: 1 } },
  { text: 'ski resort staffing in Austria or Switzerland', relevant: { p30: 3, p13: 1, p32: 1 } },
  { text: 'credit card processor needs to pass a security audit', relevant: { p10: 2, p27: 2, p09: 1 } },
  { text: 'Dutch-speaking logistics customer', relevant: { p24: 3 } },
  { text: 'Portuguese airline or airport operations', relevant: { p25: 3 } },
  { text: 'senior care operator in the southern US with high staff turnover', relevant: { p38: 3, p32: 1 } },
  { text: 'biopharma running trials in Europe that needs compliant audit trails', relevant: { p33: 3, p34: 2 } },
  { text: 'college in West Africa scheduling exams', relevant: { p21: 3, p23: 1 } },
  { text: 'a German mobile network provider', relevant: { p28: 3, p29: 1 } },
  { text: 'call center staffing for an insurer in France', relevant: { p12: 3, p11: 1, p36: 1 } },
  { text: 'Osaka hospital doing virtual doctor visits', relevant: { p06: 3 } },
];

/**
 * Generic sentences real profiles are full of (quotes, outcomes). Appending some to every profile tests
 * whether the signal survives longer texts, where hashed features collide more.
 */
export const GENERIC_SENTENCES = [
  'The rollout went smoothly and the support team was responsive whenever we had questions.',
  'We saw adoption grow quickly across every department after the first month.',
  'Our leadership team now reviews the numbers every week in a single place.',
  'Training took less than a day and people liked the mobile app.',
  'Implementation partners were professional and kept the project on schedule.',
  'We would recommend the platform to peers facing similar challenges.',
  'Reporting used to take days and now happens automatically overnight.',
];
