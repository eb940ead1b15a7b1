// Maps the tsconfig path aliases (@tpm/*) to source files for Jest.
const { compilerOptions } = require('./tsconfig.base.json');

exports.pathsToModuleNameMapper = () =>
  Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias.replace('/', '\\/')}$`, `<rootDir>/${target}`]),
  );
