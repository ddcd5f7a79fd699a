/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // One test file at a time per core is plenty; HTTP tests start real servers on free ports.
  maxWorkers: 2,
  testTimeout: 30000,
};
