/**
 * A hand-written pool of 40 approved advocates (fictional customers of the fictional vendor of Shiftwise,
 * Ledgerline, Sentinel, Pulse Analytics, Bridge API and FieldKit) for the judged query set in judged.ts.
 * Written for this benchmark, not taken from bench/embedder-judged-set.ts, whose queries tuned the embedder.
 */
import type { Advocate } from '../../server/domain/advocate.js';
import type { Activity } from '../../server/domain/profile.js';

type P = [
  name: string, title: string, company: string, industry: string, region: string, size: string, languages: string,
  products: string, useCases: string[], outcomes: string[], quotes: string[],
];

const ACTS: Activity[][] = [['reference_call', 'case_study'], ['reference_call'], ['event_speaker', 'peer_review'], ['reference_call', 'press']];

const RAW: Record<string, P> = {
  j01: ['Dr. Miriam Koch', 'Chief Medical Information Officer', 'Uniklinik Rhein-Main', 'Healthcare (university hospital)', 'Frankfurt, Germany', '6,500 employees', 'German, English', 'Shiftwise, Sentinel', ['physician on-call rostering', 'access logging for patient records under GDPR'], ['on-call rota published three weeks earlier', 'data protection audit passed with no major findings'], ['Our doctors swap shifts on their phones now instead of calling the secretary.']],
  j02: ['Tom Hargreaves', 'Head of Workforce', 'Northgate NHS Foundation Trust', 'Healthcare', 'Leeds, UK', '9,000 staff', 'English', 'Shiftwise', ['nurse bank staffing', 'filling vacant shifts from the internal bank'], ['agency nursing spend down 31% in the first year'], ['Every shift we fill from our own bank is one we do not buy from an agency.']],
  j03: ['Linda Park', 'VP Patient Access', 'Lakeshore Health System', 'Hospitals and health systems', 'Milwaukee, Wisconsin, USA', '14 hospitals, 22,000 employees', 'English', 'Shiftwise, Pulse Analytics', ['patient appointment scheduling', 'call-centre staffing', 'HIPAA-compliant reminders'], ['no-show rate from 17% to 9%', 'call abandonment down 40%'], []],
  j04: ['Dr. Rafael Ortega', 'Medical Director', 'Clínica Santa Lucía', 'Healthcare (private clinic group)', 'Valencia, Spain', '600 employees', 'Spanish, English', 'Shiftwise', ['online appointment booking for outpatients'], ['online bookings are now 60% of all appointments'], ['Patients book at midnight from the sofa, and the phones are finally quiet.']],
  j05: ['Grace Mwangi', 'CIO', "St. Brendan's Children's Hospital", 'Healthcare (paediatric hospital)', 'Dublin, Ireland', '2,800 staff', 'English', 'Bridge API, Sentinel', ['integrating the electronic health record with rostering and lab systems', 'role-based access for clinicians'], ['EHR integration live in 10 weeks'], []],
  j06: ['Kenta Mori', 'Director of Telehealth', 'Hoshi Medical Group', 'Healthcare', 'Tokyo, Japan', '3,000 employees', 'Japanese', 'Pulse Analytics', ['virtual consultation dashboards', 'remote patient monitoring reports'], ['video consultations up to 25% of visits'], []],
  j07: ['Barbara Quinn', 'Director of Care Operations', 'Willow Creek Senior Living', 'Senior living', 'Phoenix, Arizona, USA', '32 communities, 2,100 caregivers', 'English, Spanish', 'Shiftwise', ['caregiver scheduling across communities', 'overtime control'], ['overtime hours down 26%', 'open shifts filled within 4 hours'], []],
  j08: ['Henrik Sørensen', 'Regional Manager', 'Omsorg Hjemmepleje', 'Home care', 'Aarhus, Denmark', '450 care workers', 'Danish, English', 'FieldKit, Shiftwise', ['routing home visits for care workers', 'visit documentation on mobile'], ['missed home visits down 40%'], ['Our care workers spend their time with clients, not in the car.']],
  j09: ['Stefan Gruber', 'CFO', 'Alpenland Regionalbank', 'Banking (regional bank)', 'Innsbruck, Austria', '900 employees', 'German', 'Ledgerline', ['month-end close automation', 'intercompany reconciliation'], ['close from 9 days to 3'], ['We close the books before the first coffee on day three.']],
  j10: ['Denise Coleman', 'Controller', 'Heartland Farmers Credit Union', 'Financial services (credit union)', 'Des Moines, Iowa, USA', '450 staff', 'English', 'Ledgerline', ['automated account reconciliation', 'general ledger cleanup'], ['reconciliation effort down 70%'], []],
  j11: ['Ahmed Al-Sayed', 'Head of Fraud', 'Gulf Digital Bank', 'Banking (digital bank)', 'Dubai, UAE', '700 employees', 'Arabic, English', 'Sentinel', ['real-time card fraud monitoring', 'case management for fraud analysts'], ['card fraud losses down 38%'], []],
  j12: ['Camille Laurent', 'CISO', 'Banque Atlantique', 'Banking', 'Bordeaux, France', '3,400 employees', 'French, English', 'Sentinel', ['privileged access management', 'DORA operational resilience evidence'], ['audit preparation time halved'], ['The regulator asked for evidence and we exported it in an afternoon.']],
  j13: ['Priyanka Desai', 'Head of Digital', 'Nova Neobank', 'Fintech', 'Bangalore, India', '250 employees', 'English, Hindi', 'Bridge API', ['open banking APIs for partners', 'UPI payment integration'], ['partner integrations in 2 weeks instead of 3 months'], []],
  j14: ['Greg Holloway', 'VP Claims', 'Cornerstone Mutual Insurance', 'Insurance (property and casualty)', 'Hartford, Connecticut, USA', '5,000 employees', 'English', 'Pulse Analytics', ['claims analytics', 'spotting suspicious claims early'], ['claims cycle time down 22%'], []],
  j15: ['Anneke Visser', 'Contact Centre Director', 'Zeker Verzekeringen', 'Insurance', 'Utrecht, Netherlands', '1,100 employees', 'Dutch, English', 'Shiftwise', ['contact-centre forecasting and agent scheduling'], ['service level from 68% to 91%'], []],
  j16: ['Rui Tavares', 'CFO', 'Seguros Atlântico', 'Insurance', 'Lisbon, Portugal', '1,600 employees', 'Portuguese, English', 'Ledgerline', ['IFRS 17 reporting', 'quarter-end close'], ['quarter close from 15 days to 8'], []],
  j17: ['Olivia Brennan', 'Head of Store Operations', 'FreshWay Grocers', 'Retail (supermarkets)', 'Ontario, Canada', '180 stores', 'English, French', 'Shiftwise', ['store staff scheduling', 'demand-based rosters for checkout lanes'], ['labour cost 6% lower with the same service'], []],
  j18: ['Lukas Brandt', 'Director of E-commerce', 'Sportwelt', 'Retail (online sporting goods)', 'Munich, Germany', '400 employees', 'German, English', 'Pulse Analytics', ['conversion analytics for the web shop', 'A/B testing reports'], ['checkout conversion up 18%'], []],
  j19: ['Isabela Costa', 'Loss Prevention Manager', 'Casa Bela', 'Retail (home stores)', 'São Paulo, Brazil', '95 stores', 'Portuguese', 'FieldKit', ['store audits on tablets', 'shrinkage checklists'], ['shrinkage down 1.2 points'], []],
  j20: ['Nathan Brooks', 'VP Operations', 'QuickStop', 'Retail (convenience stores)', 'Dallas, Texas, USA', '600 stores', 'English', 'Shiftwise, FieldKit', ['store shift scheduling', 'food safety and store inspections'], ['inspection time per store from 90 minutes to 35'], []],
  j21: ['Jürgen Weiss', 'Plant Manager', 'Kessler Automotive Components', 'Manufacturing (automotive supplier)', 'Stuttgart, Germany', '2,200 employees', 'German', 'FieldKit, Pulse Analytics', ['predictive maintenance on stamping presses', 'maintenance work orders'], ['unplanned downtime down 35%'], ['A press that stops costs us a truckload of parts an hour.']],
  j22: ['María López', 'Quality Director', 'Dulce Foods', 'Food manufacturing', 'Monterrey, Mexico', '1,300 employees', 'Spanish, English', 'FieldKit', ['HACCP inspections', 'food safety audit trails'], ['audit findings down 60%'], []],
  j23: ['Wei Zhang', 'Supply Chain Director', 'Brightline Electronics', 'Electronics manufacturing', 'Singapore', '8,000 employees, plants in Malaysia and China', 'English, Mandarin', 'Pulse Analytics', ['supplier risk dashboards', 'component shortage alerts'], ['supplier delays spotted three weeks earlier'], []],
  j24: ['Erik Lindholm', 'VP Operations', 'Nordstål', 'Steel', 'Luleå, Sweden', '1,900 employees', 'Swedish, English', 'Shiftwise', ['24/7 shift planning for furnace crews'], ['overtime down 19%'], []],
  j25: ['Pieter Janssens', 'Head of Fleet Planning', 'TransBenelux', 'Logistics (trucking)', 'Antwerp, Belgium', '1,200 drivers', 'Dutch, French, English', 'Shiftwise', ['driver scheduling under EU working-time and tachograph rules'], ['driver overtime down 14%', 'zero working-time violations in the last audit'], []],
  j26: ['Sandra Kowalski', 'Warehouse Director', 'Midwest Fulfillment Partners', 'Logistics (warehousing)', 'Indianapolis, Indiana, USA', '2,000 seasonal and permanent staff', 'English, Polish', 'Shiftwise', ['peak-season warehouse staffing', 'shift bidding for temporary workers'], ['peak hiring time halved'], []],
  j27: ['Carlos Mendes', 'Crew Planning Manager', 'AeroLus', 'Airline', 'Porto, Portugal', '900 employees', 'Portuguese, English', 'Shiftwise', ['cabin crew rostering', 'pilot duty-time limits'], ['roster changes on the day of operation down 30%'], []],
  j28: ['Fiona MacLeod', 'Head of Field Operations', 'Highland Water', 'Water utility', 'Inverness, Scotland, UK', '1,400 employees', 'English', 'FieldKit', ['dispatching leak repair crews', 'mobile job sheets'], ['average repair time from 9 hours to 5'], []],
  j29: ['Jack Morrison', 'Director of Grid Operations', 'Prairie Electric Cooperative', 'Energy (electric cooperative)', 'Wichita, Kansas, USA', '350 employees', 'English', 'FieldKit, Shiftwise', ['storm outage crew dispatch', 'on-call lineman rotations'], ['outage restoration 28% faster'], []],
  j30: ['Lena Hoffmann', 'Asset Manager', 'WindKraft Nordsee', 'Renewable energy (offshore wind)', 'Bremen, Germany', '300 employees', 'German, English', 'FieldKit, Pulse Analytics', ['turbine maintenance planning', 'vessel and technician scheduling'], ['turbine availability up to 97%'], []],
  j31: ['Sophie Girard', 'Digital Services Director', 'Ville de Lyon', 'Public sector (city government)', 'Lyon, France', '8,000 employees', 'French', 'Bridge API, Sentinel', ['citizen service portal', 'keeping citizen data hosted in France'], ['permit requests processed 45% faster'], []],
  j32: ['Michael Turner', 'CIO', 'Oregon Department of Motor Vehicles', 'Government (state agency)', 'Salem, Oregon, USA', '1,000 employees', 'English', 'Shiftwise', ['staffing DMV offices to demand'], ['customer wait times down 40%'], []],
  j33: ['Aroha Ngata', 'Operations Manager', 'Wellington Regional Council', 'Local government', 'Wellington, New Zealand', '600 employees', 'English, Māori', 'FieldKit', ['building inspections on mobile'], ['inspection backlog cleared in 4 months'], []],
  j34: ['Karen Whitfield', 'HR Director', 'Riverside Unified School District', 'Education (K-12)', 'Riverside, California, USA', '3,500 staff, 40 schools', 'English, Spanish', 'Shiftwise, Sentinel', ['substitute teacher scheduling', 'FERPA-compliant access to staff records'], ['unfilled teacher absences down 45%'], []],
  j35: ['Prof. Daniel Okafor', 'Provost', 'Lagoon City University', 'Higher education', 'Lagos, Nigeria', '18,000 students', 'English', 'Pulse Analytics', ['student retention analytics', 'early warning for at-risk students'], ['first-year dropout rate down 12%'], []],
  j36: ['Mehmet Yılmaz', 'CTO', 'Anatolia Mobile', 'Telecommunications', 'Istanbul, Turkey', '6,000 employees', 'Turkish, English', 'Bridge API', ['billing system integration', 'partner APIs for MVNOs'], ['billing integration delivered in 8 weeks'], []],
  j37: ['Rachel Kim', 'Director of Field Services', 'FiberNorth', 'Telecom (broadband)', 'Duluth, Minnesota, USA', '800 employees', 'English', 'FieldKit', ['fibre installer dispatch', 'installation appointment windows'], ['installs per technician up 20%'], []],
  j38: ['Noah Feldman', 'VP Engineering', 'Clearpath', 'Software (B2B SaaS)', 'Austin, Texas, USA', '300 employees', 'English', 'Sentinel, Bridge API', ['SOC 2 Type II evidence collection', 'secrets management on Kubernetes'], ['SOC 2 report in 4 months'], ['Our auditors got read-only access and stopped emailing us spreadsheets.']],
  j39: ['Jana Nováková', 'CTO', 'PayLoop', 'Fintech (payments)', 'Prague, Czech Republic', '150 employees', 'Czech, English', 'Bridge API', ['payment API integrations', 'PSD2 strong customer authentication'], ['merchant onboarding from 10 days to 2'], []],
  j40: ['Matteo Rinaldi', 'HR Director', 'Dolomiti Resorts', 'Hospitality (ski hotels)', 'Bolzano, Italy', '5 hotels, 700 seasonal staff', 'Italian, German, English', 'Shiftwise', ['seasonal staff scheduling', 'shift swaps for hotel and kitchen staff'], ['seasonal onboarding from 3 weeks to 1'], []],
};

const split = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export const JUDGED_PROFILES: Advocate[] = Object.entries(RAW).map(([id, p], i) => {
  const [name, title, company, industry, region, companySize, languages, products, useCases, outcomes, quotes] = p;
  const at = new Date(Date.UTC(2025, 0, 1 + i)).toISOString();
  return {
    id, version: 1, status: 'active', createdAt: at, updatedAt: at,
    consent: { state: 'granted', source: 'bench', recordedBy: null, recordedAt: at }, evidence: [],
    name, title, company, industry, region, companySize, languages: split(languages), products: split(products),
    useCases, outcomes, quotes, activities: ACTS[i % ACTS.length],
  };
});
