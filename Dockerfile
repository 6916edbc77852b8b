# Build stage: compile TypeScript.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Run stage: compiled JS and production dependencies only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The entity model is data, not compiled: src/ner/load.ts finds it here from dist.
COPY --from=build /app/src/ner/model ./src/ner/model
COPY package.json ./
COPY bin ./bin
COPY config ./config
# The default file channel writes ./outbox; the node user must own it (and a mounted one).
RUN mkdir -p /app/outbox /app/data && chown node:node /app/outbox /app/data
USER node
ENTRYPOINT ["node", "bin/wirewatch.js"]
CMD ["start"]
