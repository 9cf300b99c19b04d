/** The one formatter for numbers, money (numbers.ts, money.ts) and groups of customers in words (groups.ts): import from here. */
export * from './numbers';
export * from './money';
export * from './groups';
