# Một image cho cả tám dịch vụ (gateway, identity, catalog, dossier, documents,
# signatures, postal, reporting). Dịch vụ được chọn bằng lệnh chạy container
# (docker-compose.yml, deploy/k8s) hoặc bằng build-arg SERVICE cho lệnh mặc định:
#
#   docker build -t mot-cua/platform .
#   docker run mot-cua/platform node --enable-source-maps dist/services/dossier/src/main.js
#   docker build --build-arg SERVICE=reporting -t mot-cua/reporting .
#
# One image for all eight services; pick the service with the container command
# or with the SERVICE build-arg (default command). Works with the classic
# builder too (no BuildKit-only syntax), so docker-compose 1.29 can build it.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- Workspace manifests only --------------------------------------------------
# `npm ci` needs every workspace's package.json (libs/*, services/*) to match the
# lockfile. Copying just those keeps the dependency layers cached while sources change.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY libs ./libs
COPY services ./services
RUN find libs services -mindepth 2 -maxdepth 2 ! -name package.json -exec rm -rf {} + \
 && find libs services -type f | sort

# --- Build: all dependencies, then swc compiles libs/, services/ and infra/ to dist/ ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NX_DAEMON=false
COPY package.json package-lock.json ./
COPY --from=manifests /src/libs ./libs
COPY --from=manifests /src/services ./services
# Install scripts stay off: build.js only needs @swc/core's native binding, which
# npm installs as an optional platform package (@swc/core-linux-*-gnu), and the
# packages that package.json's allowScripts denies must not run anything.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools ./tools
COPY libs ./libs
COPY services ./services
COPY infra ./infra
RUN node tools/build.js && npm run build -w services/console && npm run build -w services/portal

# --- Runtime: production dependencies and the compiled code, as a non-root user ---
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE=gateway
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false \
    MC_SERVICE=${SERVICE}
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=manifests /src/libs ./libs
COPY --from=manifests /src/services ./services
# --omit=dev drops what only `npm start`, tests and benchmarks use (embedded
# Postgres, about 60 MB, s3rver, autocannon); --omit=optional drops
# pg-cloudflare. Nothing a service loads is either.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force \
 && rm -rf /root/.npm /tmp/*
# The @mc/* aliases are already relative paths in dist/, so only libs and services are needed.
COPY --from=build /app/dist/libs ./dist/libs
COPY --from=build /app/dist/services ./dist/services
# The staff console's static bundle, which the gateway serves at / (CONSOLE_DIR).
COPY --from=build /app/services/console/dist ./services/console/dist
# The citizen portal's, served at /cong-dan/ (PORTAL_DIR).
COPY --from=build /app/services/portal/dist ./services/portal/dist
# The VNeID simulator, for the compose profile's identity brokering (never started in production).
COPY --from=build /app/dist/infra/simulators ./dist/infra/simulators

USER node
# Gateway port; the identity service also serves its issuer endpoints on 3001.
EXPOSE 3000 3001
# Services stop gracefully on SIGTERM (drain NATS, finish in-flight work).
STOPSIGNAL SIGTERM
# `exec` makes node PID 1 so that it receives SIGTERM itself.
CMD ["sh", "-c", "exec node --enable-source-maps \"dist/services/${MC_SERVICE}/src/main.js\""]
