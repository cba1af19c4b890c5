/** Cell parsers for the CSV importer: numbers, flags and dates. */
export * from './numbers';
export * from './number-style';
export * from './dates';
