/**
 * Everything n8n's logger says during the tests, at debug level, is kept here instead of
 * printed, so tests can check that no secret ever reaches a log line.
 */
import { Writable } from 'node:stream';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import winston from 'winston';

export const capturedLogs: string[] = [];

const { internalLogger } = Container.get(Logger) as unknown as { internalLogger: winston.Logger };
internalLogger.level = 'debug';
internalLogger.clear().add(
	new winston.transports.Stream({
		stream: new Writable({
			write(chunk: Buffer, _encoding, done) {
				capturedLogs.push(chunk.toString());
				done();
			},
		}),
	}),
);
