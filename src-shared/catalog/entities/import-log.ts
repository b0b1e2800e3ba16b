import { z } from 'zod';
import { atLeast, atMost, defineEntity, oneOf, ruleSystemIdSchema, serialIdSchema, sourceIdSchema } from '../define';
import { rowSchemas } from '../row-schemas';
import { IMPORT_STATUSES, importLog as t } from '../tables';
import { jsonObject } from './json';

const isoTimestamp = z.iso.datetime();

export const importLogEntity = defineEntity({
  name: 'import_log',
  label: 'import log entry',
  table: t,
  id: serialIdSchema,
  ...rowSchemas(t, {
    id: serialIdSchema,
    filePath: z.string().min(1).max(4096),
    fileType: z.string().min(1).max(64),
    ruleSystemId: ruleSystemIdSchema,
    sourceId: sourceIdSchema,
    recordsProcessed: z.number().int().min(0),
    recordsImported: z.number().int().min(0),
    startedAt: isoTimestamp,
    completedAt: isoTimestamp,
    metadata: jsonObject,
  }),
  filters: {
    importStatus: oneOf(t.importStatus, z.enum(IMPORT_STATUSES)),
    ruleSystemId: oneOf(t.ruleSystemId, ruleSystemIdSchema),
    sourceId: oneOf(t.sourceId, sourceIdSchema),
    fileType: oneOf(t.fileType, z.string().min(1).max(64)),
    startedFrom: atLeast(t.startedAt, isoTimestamp),
    startedUntil: atMost(t.startedAt, isoTimestamp),
  },
  sortable: { id: t.id, startedAt: t.startedAt, completedAt: t.completedAt },
  defaultSort: 'id',
});
