/** Export helpers: CSV (RFC 4180, formula-injection guard) and JSON documents. Pure: they return text. */
export * from './csv';
export * from './json';
export * from './reorder';
