import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { type AppDependencies, AppModule } from './app.module.js';
import { refuseCrossSiteWrites } from './auth/same-origin.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { VERSION } from './health/health.controller.js';

/** Builds the Nest application (API under /api, the web app at /), without listening. */
export async function createApp(deps: AppDependencies, options: { logger?: boolean } = {}): Promise<NestExpressApplication> {
  const logger = createLogger(options.logger === false ? 'silent' : deps.config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(deps), {
    bodyParser: false,
    logger: options.logger === false ? false : new PinoNestLogger(logger),
  });
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      // One short line per request (method, path, status, time): the headers every response carries
      // (helmet's CSP and the rest) are the same each time and made each line about 1.5 KB.
      serializers: {
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // The client's address (login limits, the access log) as the trusted proxies report it.
  app.set('trust proxy', deps.config.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
        },
      },
    }),
  );
  // Sync batches of a busy day fit in 5 MB; photos come as raw bytes (checked against 8 MiB in the service).
  app.use(express.json({ limit: '5mb' }));
  app.use('/api/my/days', express.raw({ type: ['image/jpeg', 'image/png', 'image/webp'], limit: '20mb' }));
  app.use(refuseCrossSiteWrites(deps.config.corsOrigins));
  app.enableCors(deps.config.corsOrigins.length ? { origin: [...deps.config.corsOrigins], credentials: true } : { origin: false });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: false }));

  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Lookback 回头看 API').setVersion(VERSION).build());
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const web = deps.config.webDist;
  if (web && existsSync(join(web, 'index.html'))) {
    const index = readFileSync(join(web, 'index.html'));
    app.useStaticAssets(web, { index: false, maxAge: '1h' });
    // Client-side routes fall back to the app shell; unknown /api paths stay 404 JSON.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.type('html').send(index);
    });
  }
  return app;
}
