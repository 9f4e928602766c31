# syntax=docker/dockerfile:1
# dd-instance in a container: built, and its production dependencies installed, in a stage with the build tools;
# the image holds dist/ and those dependencies only.
# test/productionInstall.e2e.test.ts replays these steps without Docker, so keep to the instructions it knows.

# The full image has python3, make and g++, for better-sqlite3 where no prebuilt binary matches.
FROM node:24 AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build
# The README's production recipe: build with the dev dependencies, then drop them.
RUN npm prune --omit=dev --no-audit --no-fund
# An empty folder, copied below as the data folder so it belongs to the image's user.
RUN mkdir data

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The SQLite store of follows, in the image user's home, owned by it: a named volume mounted there starts with
# that owner, so the bot can write its follows (mount it there to keep them when the container is replaced).
ENV DATA_DIR=/home/node/data
COPY --from=build --chown=node:node /app/data /home/node/data
# The image's own unprivileged user; the app files stay root-owned, so the bot cannot rewrite itself.
USER node
EXPOSE 3000
# Liveness with node itself (the slim image has no curl): GET /healthz on $OPS_PORT, else $PORT, default 3000.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.OPS_PORT || process.env.PORT || 3000}/healthz`, { signal: AbortSignal.timeout(4000) }).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1 (not npm), so `docker stop`'s SIGTERM reaches the bot's graceful stop.
CMD ["node", "--max-old-space-size=160", "--max-semi-space-size=8", "dist/index.js"]
