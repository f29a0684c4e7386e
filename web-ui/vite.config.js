import { defineConfig } from 'vite';

// Assets get content-hashed names under /assets/, which the gateway serves as immutable.
export default defineConfig({
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
  server: {
    // `npm run dev` against a gateway on :8080 (deploy/local/run.sh).
    proxy: { '/api': 'http://127.0.0.1:8080', '/q': 'http://127.0.0.1:8080' },
  },
});
