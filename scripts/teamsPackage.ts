/**
 * npm run teams:package — writes the Teams app package (appPackage/pathfinder.zip: manifest.json, color.png,
 * outline.png) from bot/channels/teams/manifest.template.json and the configuration: MicrosoftAppId (with its
 * MicrosoftAppPassword, as for the bot), PUBLIC_HOST_NAME, and the version of package.json.
 * `npm run teams:package -- --out <file.zip>` writes elsewhere.
 */
import path from 'node:path';
import { writeAppPackage } from '../bot/channels/teams/appPackage';
import { ConfigError, loadConfig, projectRoot } from '../bot/config';

const DEFAULT_OUT = path.join('appPackage', 'pathfinder.zip');

function main(): void {
  const outArg = process.argv.indexOf('--out');
  const out = (outArg >= 0 ? process.argv[outArg + 1] : undefined) ?? path.join(projectRoot(), DEFAULT_OUT);
  const config = loadConfig();
  const written = writeAppPackage(config, out);
  process.stdout.write(`teams:package: wrote ${written} (version ${config.version}, host ${config.publicHostName})\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
