/**
 * Columns that hold a person's name or contact details (Surname, First Name, Email, Phone, Address,
 * Zip Code, Lat Long, Date of Birth), recognised from the column's name. Such a column is never a feature:
 * a bank file with 40 distinct surnames would otherwise make "Surname is Hill" a churn driver.
 * The user can still give the column another type in the mapping step.
 */

/** Words that only say whose detail it is: "Customer Name", "Home Phone", "Billing Address". */
const OWNER = new Set(['customer', 'customers', 'client', 'user', 'member', 'subscriber', 'account', 'holder', 'contact', 'primary', 'secondary', 'home', 'work', 'personal', 'billing', 'mailing', 'shipping', 'residential', 'cust', 'my']);

/** What is left once the owner words are gone, words joined by one space. */
const PERSONAL = new Set([
  'name', 'names', 'surname', 'surnames', 'last name', 'lastname', 'first name', 'firstname', 'given name', 'family name', 'full name', 'fullname', 'forename', 'middle name', 'maiden name', 'sur name',
  'email', 'e mail', 'email address', 'e mail address', 'mail address', 'emailaddress',
  'phone', 'phone number', 'phone no', 'phonenumber', 'telephone', 'telephone number', 'tel', 'mobile', 'mobile number', 'mobile phone', 'mobile no', 'cell', 'cell phone', 'cellphone',
  'address', 'addr', 'street', 'street address', 'address line', 'postcode', 'post code', 'postal code', 'zip', 'zip code', 'zipcode',
  'lat long', 'latitude', 'longitude', 'lat', 'lng', 'lon', 'geo location', 'coordinates',
  'ssn', 'social security number', 'iban', 'date of birth', 'dob', 'birth date', 'birthdate', 'birthday',
]);

/** Split "CustomerName", "last_name", "E-mail Address 2" into lower-case words (digits dropped). */
function words(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
}

/** True when a column named `name` holds a person's name or contact details (never a feature). */
export function isPersonalName(name: string): boolean {
  const w = words(name);
  let i = 0;
  while (i < w.length - 1 && OWNER.has(w[i])) i++;
  return PERSONAL.has(w.slice(i).join(' '));
}
