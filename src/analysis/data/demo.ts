/**
 * Seeded synthetic Telco-like customer table (same 21 columns as IBM's Telco file) for the demo
 * button: no data file needed. Relationships follow the real data's broad shape: contract drives
 * tenure and churn, fibre costs more and churns more, electronic check and no tech support churn
 * more, TotalCharges ~ tenure x MonthlyCharges, brand-new customers have a blank TotalCharges.
 */
import { mulberry32 } from '../random';

const pick = <T>(rng: () => number, items: readonly T[], weights: readonly number[]): T => {
  let u = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    u -= weights[i];
    if (u <= 0) return items[i];
  }
  return items[items.length - 1];
};

/** CSV text of `rows` synthetic customers (default 7,043), deterministic for a seed. */
export function generateDemoCsv(seed = 42, rows = 7043): string {
  const rng = mulberry32(seed);
  const yn = (p: number) => (rng() < p ? 'Yes' : 'No');
  const out: string[] = [
    'customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn',
  ];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let i = 0; i < rows; i++) {
    const id = `${String(1000 + Math.floor(rng() * 9000))}-${Array.from({ length: 5 }, () => letters[Math.floor(rng() * 26)]).join('')}${i}`;
    const contract = pick(rng, ['Month-to-month', 'One year', 'Two year'], [55, 21, 24]);
    const maxTenure = contract === 'Month-to-month' ? 40 : contract === 'One year' ? 60 : 72;
    const tenure = Math.min(72, Math.floor(Math.pow(rng(), contract === 'Month-to-month' ? 1.6 : 0.6) * maxTenure + (contract === 'Two year' ? 6 : 0)));
    const senior = rng() < 0.16 ? 1 : 0;
    const partner = yn(0.48);
    const dependents = partner === 'Yes' ? yn(0.5) : yn(0.15);
    const phone = yn(0.9);
    const multi = phone === 'No' ? 'No phone service' : yn(0.45);
    const internet = pick(rng, ['DSL', 'Fiber optic', 'No'], [34, 44, 22]);
    const addOn = (p: number) => (internet === 'No' ? 'No internet service' : yn(p));
    const security = addOn(0.35);
    const backup = addOn(0.42);
    const protection = addOn(0.42);
    const support = addOn(0.35);
    const tv = addOn(0.5);
    const movies = addOn(0.5);
    const paperless = yn(0.59);
    const payment = pick(rng, ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'], [34, 23, 22, 21]);
    const extras = [multi, security, backup, protection, support, tv, movies].filter((s) => s === 'Yes').length;
    const base = (phone === 'Yes' ? 20 : 0) + (internet === 'Fiber optic' ? 50 : internet === 'DSL' ? 28 : 0);
    const monthly = Math.max(18.25, Math.round((base + extras * 5 + (rng() - 0.5) * 6) * 20) / 20);
    const total = tenure === 0 ? ' ' : (Math.round(tenure * monthly * (0.95 + rng() * 0.1) * 100) / 100).toFixed(2);
    let logit = -1.3;
    logit += contract === 'Month-to-month' ? 1.3 : contract === 'One year' ? -0.6 : -1.8;
    logit += -0.035 * tenure;
    logit += internet === 'Fiber optic' ? 0.8 : internet === 'No' ? -0.7 : 0;
    logit += payment === 'Electronic check' ? 0.5 : 0;
    logit += support === 'No' ? 0.35 : 0;
    logit += security === 'No' ? 0.3 : 0;
    logit += senior ? 0.3 : 0;
    logit += paperless === 'Yes' ? 0.3 : 0;
    const churn = rng() < 1 / (1 + Math.exp(-logit)) ? 'Yes' : 'No';
    const gender = rng() < 0.5 ? 'Female' : 'Male';
    out.push(
      [id, gender, senior, partner, dependents, tenure, phone, multi, internet, security, backup, protection, support, tv, movies, contract, paperless, payment, monthly.toFixed(2), total, churn].join(','),
    );
  }
  return out.join('\r\n') + '\r\n';
}
