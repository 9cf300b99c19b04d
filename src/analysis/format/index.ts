/** The one formatter for numbers and money (numbers.ts, money.ts): import from here. */
export * from './numbers';
export * from './money';
