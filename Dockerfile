# syntax=docker/dockerfile:1
# dd-instance in a container: compiled in a build stage; the image holds dist/ and production dependencies only.
# test/productionInstall.e2e.test.ts replays these steps without Docker, so keep to the instructions it knows.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# A fresh install without dev dependencies: it also proves no install script needs them.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The image's own unprivileged user; the app files stay root-owned, so the bot cannot rewrite itself.
USER node
# The SQLite store of follows, in that user's home: mount a volume there to keep follows when the container is replaced.
ENV DATA_DIR=/home/node/data
EXPOSE 3000
# Liveness with node itself (the slim image has no curl): GET /healthz on $PORT, default 3000.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`, { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1 (not npm), so `docker stop`'s SIGTERM reaches the bot's graceful stop.
CMD ["node", "dist/index.js"]
