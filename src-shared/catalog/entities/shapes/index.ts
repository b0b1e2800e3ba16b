/**
 * The zod shapes of the JSON columns of the seven entity tables, as real 5etools data has them
 * (checked against the SRD 5.1 fixture). The table files import only the inferred types, so
 * they stay free of runtime zod.
 */
export * from './entries';
export * from './common';
export * from './creature';
export * from './spell';
export * from './item';
export * from './class';
export * from './race';
export * from './feat';
