/**
 * Industry vocabulary for the synthetic advocate generator (generate.ts): the words reviewers write into
 * approved profiles and the words reps type about prospects, per industry. Products are the fictional
 * vendor's (Shiftwise, Ledgerline, Sentinel, Pulse Analytics, Bridge API, FieldKit), as in the judged sets.
 * Outcome templates take {a} > {b} (small when counting days, hours or weeks) and {p}, a high percentage.
 */
export interface IndustryVocab {
  /** Values the `industry` field takes, as different reviewers write it. */
  labels: string[];
  /** What kind of organisation the advocate works for (profiles) or the prospect is (queries). */
  kinds: string[];
  /** Second word of a company name. */
  nameSuffixes: string[];
  titles: string[];
  products: string[];
  useCases: string[];
  outcomes: string[];
  /** What a rep says the prospect cares about. */
  concerns: string[];
  /** Relative frequency among advocates. */
  weight: number;
}

export const INDUSTRIES: IndustryVocab[] = [
  {
    labels: ['Healthcare', 'Hospitals and health systems', 'Healthcare provider'],
    kinds: ['university hospital', 'regional health system', 'private clinic group', 'community hospital', 'children\'s hospital'],
    nameSuffixes: ['Health', 'Medical Center', 'Hospital', 'Clinics', 'Healthcare'],
    titles: ['Chief Nursing Officer', 'CIO', 'VP Patient Access', 'Director of Clinical Operations', 'Head of Workforce Planning', 'Nurse Manager'],
    products: ['Shiftwise', 'Sentinel', 'Pulse Analytics', 'Bridge API'],
    useCases: ['nurse and physician rostering', 'patient appointment scheduling', 'protecting patient records', 'EHR integration', 'bed capacity dashboards', 'call-centre staffing for patient access'],
    outcomes: ['overtime down {b}%', 'no-show rate from {a}% to {b}%', 'appointment wait times cut by {b}%', 'agency nurse spend down {b}%', 'passed a HIPAA audit with no findings', 'rostering time from {a} hours to {b} per week'],
    concerns: ['worried about patient data privacy', 'short of nurses', 'wants fewer no-shows', 'needs to integrate with the EHR', 'spending too much on agency staff'],
    weight: 14,
  },
  {
    labels: ['Senior care', 'Care homes', 'Long-term care'],
    kinds: ['care home operator', 'senior living group', 'home care agency', 'nursing home chain'],
    nameSuffixes: ['Senior Living', 'Care', 'Care Homes', 'Homecare'],
    titles: ['Director of Care', 'Regional Operations Manager', 'Nurse Manager', 'HR Director'],
    products: ['Shiftwise', 'FieldKit'],
    useCases: ['caregiver scheduling', 'home visit routing', 'shift swaps for care staff', 'compliance checklists in care homes'],
    outcomes: ['agency staff spend down {b}%', 'staff turnover from {a}% to {b}%', 'missed visits down {b}%', 'inspection rating raised to good'],
    concerns: ['struggling with caregiver shortages', 'high staff turnover', 'paying too much for agency workers'],
    weight: 4,
  },
  {
    labels: ['Banking', 'Financial services', 'Retail banking'],
    kinds: ['regional bank', 'savings bank', 'credit union', 'digital bank', 'private bank'],
    nameSuffixes: ['Bank', 'Savings Bank', 'Credit Union', 'Bancorp', 'Financial'],
    titles: ['CFO', 'CISO', 'Head of Finance Operations', 'Controller', 'Head of Risk', 'COO'],
    products: ['Ledgerline', 'Sentinel', 'Bridge API', 'Pulse Analytics'],
    useCases: ['automating the month-end close', 'branch cash reconciliation', 'fraud monitoring', 'audit trails for regulators', 'privileged access management', 'open banking APIs'],
    outcomes: ['month-end close from {a} days to {b}', 'reconciliation effort down {b}%', 'fraud losses down {b}%', 'passed the regulator audit with no findings', 'manual journal entries down {b}%'],
    concerns: ['needs a faster financial close', 'preparing for a regulator audit', 'worried about fraud', 'modernising branch operations'],
    weight: 12,
  },
  {
    labels: ['Insurance', 'Financial services'],
    kinds: ['property and casualty insurer', 'life insurer', 'insurance mutual', 'health insurer'],
    nameSuffixes: ['Insurance', 'Mutual', 'Assurance', 'Life'],
    titles: ['VP Claims', 'VP Finance', 'Director of Operations', 'Chief Actuary', 'Head of Contact Centre'],
    products: ['Ledgerline', 'Pulse Analytics', 'Shiftwise', 'Sentinel'],
    useCases: ['claims reporting', 'contact-centre staffing', 'financial reporting for regulators', 'claims fraud analytics'],
    outcomes: ['claims cycle time down {b}%', 'reporting effort down {b}%', 'contact-centre service level from {a}% to {p}%', 'quarter close from {a} days to {b}'],
    concerns: ['wants better claims analytics', 'contact centre is understaffed', 'slow quarterly reporting'],
    weight: 6,
  },
  {
    labels: ['Retail', 'Grocery retail', 'E-commerce'],
    kinds: ['supermarket chain', 'fashion retailer', 'online retailer', 'home improvement chain', 'convenience store chain'],
    nameSuffixes: ['Markets', 'Stores', 'Retail', 'Fashion', 'Home'],
    titles: ['Head of Store Operations', 'Director of E-commerce', 'VP Retail Operations', 'Workforce Manager', 'HR Director'],
    products: ['Shiftwise', 'Pulse Analytics', 'FieldKit'],
    useCases: ['store staff scheduling', 'conversion analytics', 'store inspections', 'seasonal hiring', 'demand-based staffing'],
    outcomes: ['labour cost down {b}%', 'online revenue up {b}%', 'conversion rate up {b}%', 'store audit time from {a} minutes to {b}', 'overtime down {b}%'],
    concerns: ['wants to cut labour costs', 'needs better store scheduling', 'growing online sales', 'hiring for the holiday season'],
    weight: 10,
  },
  {
    labels: ['Manufacturing', 'Industrial manufacturing', 'Automotive'],
    kinds: ['automotive supplier', 'food manufacturer', 'electronics maker', 'steel producer', 'packaging plant'],
    nameSuffixes: ['Industries', 'Manufacturing', 'Werke', 'Components', 'Group'],
    titles: ['Plant Manager', 'VP Operations', 'Maintenance Director', 'Supply Chain Director', 'Quality Director'],
    products: ['FieldKit', 'Pulse Analytics', 'Shiftwise', 'Sentinel'],
    useCases: ['predictive maintenance', 'shift planning on the factory floor', 'quality inspections', 'supplier risk dashboards', 'SAP access controls'],
    outcomes: ['unplanned downtime down {b}%', 'scrap rate from {a}% to {b}%', 'inspection time down {b}%', 'on-time delivery up to {p}%'],
    concerns: ['trying to reduce machine downtime', 'worried about supply chain risk', 'planning shifts across plants'],
    weight: 9,
  },
  {
    labels: ['Logistics', 'Transportation', 'Freight'],
    kinds: ['trucking company', 'parcel carrier', 'freight forwarder', 'warehouse operator', 'courier company'],
    nameSuffixes: ['Logistics', 'Freight', 'Transport', 'Express', 'Cargo'],
    titles: ['Head of Fleet Operations', 'VP Logistics', 'Crew Planning Manager', 'Warehouse Director', 'COO'],
    products: ['Shiftwise', 'FieldKit', 'Pulse Analytics', 'Bridge API'],
    useCases: ['driver shift planning', 'crew rostering under working time rules', 'warehouse staffing', 'route analytics', 'integrating with carrier systems'],
    outcomes: ['driver overtime down {b}%', 'on-time deliveries up to {p}%', 'planning time from {a} hours to {b}', 'empty miles down {b}%'],
    concerns: ['planning driver shifts', 'rostering crews under EU working time rules', 'warehouse is understaffed at peak'],
    weight: 7,
  },
  {
    labels: ['Energy and utilities', 'Utilities', 'Renewable energy'],
    kinds: ['water utility', 'electricity distributor', 'offshore wind operator', 'gas network', 'solar developer'],
    nameSuffixes: ['Energy', 'Power', 'Water', 'Utilities', 'Renewables'],
    titles: ['Head of Field Operations', 'Director of Asset Management', 'VP Customer Service', 'Operations Manager'],
    products: ['FieldKit', 'Shiftwise', 'Pulse Analytics'],
    useCases: ['dispatching field technicians', 'leak repair crews', 'turbine maintenance planning', 'call-centre scheduling for outages'],
    outcomes: ['jobs per technician per day up {b}%', 'repair time from {a} hours to {b}', 'truck rolls down {b}%', 'outage calls answered within a minute up to {p}%'],
    concerns: ['wants more productive field crews', 'dispatching technicians to remote sites', 'outage response is too slow'],
    weight: 6,
  },
  {
    labels: ['Public sector', 'Government', 'Local government'],
    kinds: ['city council', 'state agency', 'regional government', 'police service', 'tax authority'],
    nameSuffixes: ['City Council', 'County', 'Agency', 'Municipality', 'Department'],
    titles: ['Digital Services Director', 'CIO', 'Head of Procurement', 'Operations Manager'],
    products: ['Sentinel', 'Bridge API', 'FieldKit', 'Shiftwise'],
    useCases: ['citizen service portals', 'data sovereignty for public records', 'inspections by field staff', 'staff scheduling for public services'],
    outcomes: ['permit processing from {a} days to {b}', 'citizen wait times down {b}%', 'passed a public procurement review', 'inspection backlog down {b}%'],
    concerns: ['needs to keep citizen data in the country', 'buying through public procurement', 'digitising citizen services'],
    weight: 5,
  },
  {
    labels: ['Education', 'Higher education', 'K-12 education'],
    kinds: ['school district', 'university', 'community college', 'private school group'],
    nameSuffixes: ['University', 'School District', 'College', 'Academy'],
    titles: ['CIO', 'Director of Student Services', 'Provost', 'HR Director', 'Head of IT'],
    products: ['Shiftwise', 'Pulse Analytics', 'Sentinel'],
    useCases: ['substitute teacher scheduling', 'student retention analytics', 'exam scheduling', 'student data privacy'],
    outcomes: ['unfilled classes down {b}%', 'first-year retention up {b}%', 'exam clashes from {a} to {b}', 'passed a FERPA review'],
    concerns: ['worried about student data privacy', 'improving student retention', 'scheduling substitute teachers'],
    weight: 5,
  },
  {
    labels: ['Telecommunications', 'Telecom'],
    kinds: ['mobile operator', 'broadband provider', 'cable company', 'telecom carrier'],
    nameSuffixes: ['Telecom', 'Mobile', 'Networks', 'Connect'],
    titles: ['CTO', 'VP Billing', 'Head of Network Operations', 'Director of Field Services'],
    products: ['Bridge API', 'Pulse Analytics', 'FieldKit', 'Sentinel'],
    useCases: ['billing system integration', 'network analytics', 'installer dispatch', 'data residency for subscriber data'],
    outcomes: ['billing errors down {b}%', 'installations per day up {b}%', 'churn from {a}% to {b}%', 'integration delivered in {b} weeks'],
    concerns: ['integrating its billing system', 'needs subscriber data to stay in the region', 'too many failed installs'],
    weight: 5,
  },
  {
    labels: ['Software', 'SaaS', 'Technology'],
    kinds: ['SaaS company', 'fintech startup', 'software vendor', 'payments company', 'cybersecurity firm'],
    nameSuffixes: ['Labs', 'Software', 'Cloud', 'Pay', 'Systems'],
    titles: ['CTO', 'VP Engineering', 'Head of Security', 'CISO', 'Head of Platform'],
    products: ['Bridge API', 'Sentinel', 'Pulse Analytics'],
    useCases: ['API integration with partners', 'SOC 2 audit evidence', 'product usage analytics', 'secrets and access management on Kubernetes'],
    outcomes: ['integration shipped in {b} weeks instead of {a}', 'SOC 2 Type II in {b} months', 'audit preparation down {b}%', 'churn down {b}%'],
    concerns: ['needs a fast API integration', 'preparing for SOC 2', 'runs on Kubernetes'],
    weight: 8,
  },
  {
    labels: ['Hospitality', 'Hotels', 'Restaurants'],
    kinds: ['hotel group', 'ski resort', 'restaurant chain', 'cruise operator'],
    nameSuffixes: ['Hotels', 'Resorts', 'Hospitality', 'Kitchens'],
    titles: ['Director of Operations', 'HR Director', 'General Manager', 'Head of Revenue'],
    products: ['Shiftwise', 'Pulse Analytics'],
    useCases: ['seasonal staff scheduling', 'shift swaps for kitchen staff', 'occupancy and revenue dashboards'],
    outcomes: ['staff turnover down {b}%', 'scheduling time from {a} hours to {b} a week', 'revenue per room up {b}%'],
    concerns: ['scheduling seasonal workers', 'high staff turnover', 'no IT department'],
    weight: 5,
  },
  {
    labels: ['Life sciences', 'Pharmaceuticals', 'Biotech'],
    kinds: ['biotech', 'generic drug manufacturer', 'contract research organisation', 'medical device maker'],
    nameSuffixes: ['Therapeutics', 'Pharma', 'Biosciences', 'Medical'],
    titles: ['Quality Director', 'Head of Clinical Operations', 'VP Regulatory Affairs', 'CIO'],
    products: ['Sentinel', 'Pulse Analytics', 'FieldKit'],
    useCases: ['GxP audit trails', 'clinical trial dashboards', 'cleanroom inspections', 'validated access controls'],
    outcomes: ['FDA inspection with zero observations', 'trial reporting from {a} days to {b}', 'deviations down {b}%'],
    concerns: ['facing an FDA inspection', 'needs compliant audit trails', 'running clinical trials'],
    weight: 4,
  },
];

export const COMPANY_SIZES = [
  '40 employees', '120 employees', '350 staff', 'mid-size, about 800 employees', '1,200 employees', '2,500 employees',
  '6,000 employees', '15,000 employees', '40,000 staff', 'small business', 'mid-market', 'enterprise',
];

export const QUOTES = [
  'Before {product} we did {useCase} on spreadsheets; now it takes a fraction of the time.',
  'The numbers speak for themselves: {outcome}.',
  'Our team was live with {product} in {weeks} weeks, and nobody wants to go back.',
  'What convinced our board was simple: {outcome}.',
  '{product} paid for itself within the first year.',
  'I would tell any {kind} to start with {useCase}; that is where we saw results first.',
  'The support team answered every question the same day.',
];
