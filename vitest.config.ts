import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^engagekit$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test-prop.ts',
      'test/**/*.test.ts',
      'test/**/*.test-prop.ts',
    ],
    typecheck: { enabled: false },
    testTimeout: 60_000,
    setupFiles: ['test/fastCheckSeed.ts'],
  },
});
