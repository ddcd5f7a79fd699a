/**
 * The Teams app package: the manifest is valid against the Teams JSON schema shipped in @microsoft/app-manifest
 * (checked offline, by file), and the zip holds manifest.json, color.png (192×192) and outline.png (32×32, white on
 * transparent) at its root. `npm run teams:package` writes it from the environment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { buildAppPackage, buildManifest, writeAppPackage } from '../../bot/channels/teams/appPackage';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../bot/channels/teams/searchExtension';
import { ConfigError, loadConfig, projectRoot } from '../../bot/config';

const APP_ID = '0b6e6900-1234-4abc-8def-0123456789ab';
const HOST = 'pathfinder.example.org';
const ENV = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', PUBLIC_HOST_NAME: HOST };

interface Manifest {
  manifestVersion: string;
  version: string;
  id: string;
  validDomains: string[];
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    commandLists: { commands: { title: string }[] }[];
  }[];
  composeExtensions: { botId: string; commands: { id: string; type: string; parameters: { name: string }[] }[] }[];
}

/** The Teams schema of a manifest version, straight from the npm package's files (its entry point is not used). */
function teamsSchema(version: string): object {
  const file = path.join(
    projectRoot(),
    'node_modules',
    '@microsoft',
    'app-manifest',
    'build',
    'json-schemas',
    'teams',
    `v${version}`,
    'MicrosoftTeams.schema.json',
  );
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

function validator(version: string): ReturnType<Ajv['compile']> {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  return ajv.compile(teamsSchema(version));
}

const config = loadConfig(ENV);

describe('the Teams manifest', () => {
  const manifest = buildManifest(config) as Manifest;

  it('is valid against the Teams schema of its manifest version (1.22–1.24)', () => {
    expect(['1.22', '1.23', '1.24']).toContain(manifest.manifestVersion);
    const validate = validator(manifest.manifestVersion);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('the schema check catches a broken manifest', () => {
    const validate = validator(manifest.manifestVersion);
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
    expect(validate({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] })).toBe(false);
  });

  it('is filled from the configuration and package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.validDomains).toEqual([HOST]);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    const [botEntry] = manifest.bots;
    expect(botEntry?.botId).toBe(APP_ID);
    expect([...(botEntry?.scopes ?? [])].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(botEntry?.supportsFiles).toBe(false);
    expect(botEntry?.commandLists.flatMap((list) => list.commands.map((command) => command.title))).toEqual(
      expect.arrayContaining(['help', 'menu', 'language']),
    );
  });

  it('declares the knowledge search the bot answers', () => {
    const [extension] = manifest.composeExtensions;
    expect(extension?.botId).toBe(APP_ID);
    const command = extension?.commands.find((candidate) => candidate.id === SEARCH_COMMAND_ID);
    expect(command?.type).toBe('query');
    expect(command?.parameters.map((parameter) => parameter.name)).toEqual([SEARCH_PARAMETER]);
  });

  it('names what is missing when the configuration cannot make a package', () => {
    expect(() => buildManifest(loadConfig({ PUBLIC_HOST_NAME: HOST }))).toThrow(/MicrosoftAppId/);
    expect(() => buildManifest(loadConfig({ ...ENV, PUBLIC_HOST_NAME: undefined }))).toThrow(/PUBLIC_HOST_NAME/);
    expect(() => buildManifest(loadConfig({ ...ENV, MicrosoftAppId: 'not-a-guid' }))).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_HOST_NAME: 'https://pathfinder.example.org/' })).toThrow(/PUBLIC_HOST_NAME/);
  });
});

describe('the Teams app package', () => {
  const zip = new AdmZip(buildAppPackage(config));
  const file = (name: string): Buffer => {
    const entry = zip.getEntry(name);
    expect(entry).not.toBeNull();
    return entry!.getData();
  };

  it('holds manifest.json, color.png and outline.png at its root, and nothing else', () => {
    expect(
      zip
        .getEntries()
        .map((entry) => entry.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(file('manifest.json').toString('utf8')) as Manifest;
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('has a 192×192 colour icon with a glyph on an opaque background', () => {
    const png = PNG.sync.read(file('color.png'));
    expect([png.width, png.height]).toEqual([192, 192]);
    const colours = new Set<string>();
    let notOpaque = 0;
    for (let index = 0; index < png.data.length; index += 4) {
      notOpaque += png.data[index + 3] === 255 ? 0 : 1;
      colours.add(png.data.subarray(index, index + 3).join(','));
    }
    expect(notOpaque).toBe(0);
    expect(colours.size).toBeGreaterThan(1);
  });

  it('has a 32×32 outline icon: white pixels only, on a transparent background', () => {
    const png = PNG.sync.read(file('outline.png'));
    expect([png.width, png.height]).toEqual([32, 32]);
    let transparent = 0;
    let opaque = 0;
    let notWhite = 0;
    for (let index = 0; index < png.data.length; index += 4) {
      const alpha = png.data[index + 3]!;
      const white = png.data[index] === 255 && png.data[index + 1] === 255 && png.data[index + 2] === 255;
      notWhite += alpha > 0 && !white ? 1 : 0;
      transparent += alpha === 0 ? 1 : 0;
      opaque += alpha === 255 ? 1 : 0;
    }
    expect(notWhite).toBe(0);
    // The corner is background.
    expect(png.data[3]).toBe(0);
    expect(transparent).toBeGreaterThan(0);
    expect(opaque).toBeGreaterThan(0);
  });
});

describe('npm run teams:package', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'teams-package-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  const runScript = (env: Record<string, string>, out: string): ReturnType<typeof spawnSync> =>
    spawnSync(
      path.join(projectRoot(), 'node_modules', '.bin', 'tsx'),
      [path.join(projectRoot(), 'scripts', 'teamsPackage.ts'), '--out', out],
      { cwd: outDir, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
    );

  it('writes the zip from the environment', () => {
    const out = path.join(outDir, 'pathfinder.zip');
    const result = runScript(ENV, out);
    expect(result.status).toBe(0);
    const manifest = JSON.parse(new AdmZip(out).getEntry('manifest.json')!.getData().toString('utf8')) as Manifest;
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.validDomains).toEqual([HOST]);
  });

  it('fails with a message naming the missing variable', () => {
    const result = runScript({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' }, path.join(outDir, 'p.zip'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PUBLIC_HOST_NAME/);
  });

  it('creates the folder it writes the package to', () => {
    const written = writeAppPackage(config, path.join(outDir, 'nested', 'pathfinder.zip'));
    const entries = new AdmZip(written).getEntries().map((entry) => entry.entryName);
    expect(entries.sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });
});
