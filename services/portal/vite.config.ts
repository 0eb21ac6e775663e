import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
// Build-time code Vite runs in Node before any alias applies; the app itself imports @mc/web-api through the alias below.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { precompressBundle } from '../../libs/web-api/src/vite-precompress';

// The gateway serves dist/ at /cong-dan/ (PORTAL_BASE_PATH); `npm run dev` proxies the API to it.
export default defineConfig({
  base: '/cong-dan/',
  plugins: [react(), precompressBundle()],
  resolve: { alias: { '@mc/web-api': fileURLToPath(new URL('../../libs/web-api/src/index.ts', import.meta.url)) } },
  server: { port: 5174, proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
});
