import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
// Build-time code Vite runs in Node before any alias applies; the app itself imports @mc/web-api through the alias below.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { precompressBundle } from '../../libs/web-api/src/vite-precompress';

// The gateway serves dist/ at `/` (default profile); `npm run dev` proxies the API to it.
export default defineConfig({
  plugins: [react(), precompressBundle()],
  resolve: { alias: { '@mc/web-api': fileURLToPath(new URL('../../libs/web-api/src/index.ts', import.meta.url)) } },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
  // The manifest lets load-tests/benchmarks/console-bundle-size.ts weigh each route with the chunks it pulls in.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true, chunkSizeWarningLimit: 1500 },
});
