import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  // Tests and tools that build in parallel set KEEL_OUT_DIR so they never share an output folder.
  outDir: process.env.KEEL_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Keel',
  },
});
