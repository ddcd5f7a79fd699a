/**
 * The Teams app package: `manifest.json` filled from the template beside this file, a 192×192 colour icon and a
 * 32×32 outline icon (white on transparent), zipped at the root as Teams expects. The icons are drawn here — a
 * signpost in the brand colour — so the package needs no binary files in the repository.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { type Config, ConfigError, projectRoot } from '../../config';

/** Where the template lives, relative to the project folder (also used when running from dist/). */
export const MANIFEST_TEMPLATE = path.join('bot', 'channels', 'teams', 'manifest.template.json');
export const COLOR_ICON = { file: 'color.png', size: 192 } as const;
export const OUTLINE_ICON = { file: 'outline.png', size: 32 } as const;
/** The brand colour: background of the colour icon (the template's accentColor is the same). */
export const BRAND_RGB = [0x0b, 0x6e, 0x69] as const;

const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const PLACEHOLDER = /\{\{([A-Z_]+)\}\}/g;
/** Samples per pixel side: edges are smoothed by averaging SUPERSAMPLE² points. */
const SUPERSAMPLE = 4;
/** The share of the colour icon the glyph takes, centred (Teams crops the corners of the tile). */
const COLOR_GLYPH_SCALE = 0.62;
/** The outline glyph keeps one pixel of margin on each side. */
const OUTLINE_MARGIN_PX = 1;

type Point = readonly [number, number];

/** The signpost in a unit square (x right, y down): a pole, a sign pointing right and one pointing left. */
const SIGNPOST: readonly (readonly Point[])[] = [
  // pole
  [
    [0.45, 0.06],
    [0.55, 0.06],
    [0.55, 0.94],
    [0.45, 0.94],
  ],
  // upper sign, pointing right
  [
    [0.16, 0.14],
    [0.74, 0.14],
    [0.88, 0.27],
    [0.74, 0.4],
    [0.16, 0.4],
  ],
  // lower sign, pointing left
  [
    [0.26, 0.5],
    [0.84, 0.5],
    [0.84, 0.76],
    [0.26, 0.76],
    [0.12, 0.63],
  ],
];

/** Even-odd point-in-polygon test. */
function inside(polygon: readonly Point[], x: number, y: number): boolean {
  let result = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      result = !result;
    }
  }
  return result;
}

/** How much of pixel (px, py) the glyph covers (0..1) when the glyph's unit square spans [offset, offset+extent]. */
function coverage(px: number, py: number, offset: number, extent: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
    for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
      const x = (px + (sx + 0.5) / SUPERSAMPLE - offset) / extent;
      const y = (py + (sy + 0.5) / SUPERSAMPLE - offset) / extent;
      if (SIGNPOST.some((shape) => inside(shape, x, y))) {
        hits += 1;
      }
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

/** The 192×192 colour icon: a white signpost on the brand colour. */
export function drawColorIcon(): Buffer {
  const { size } = COLOR_ICON;
  const png = new PNG({ width: size, height: size });
  const extent = size * COLOR_GLYPH_SCALE;
  const offset = (size - extent) / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const white = coverage(x, y, offset, extent);
      const index = (y * size + x) * 4;
      BRAND_RGB.forEach((channel, c) => {
        png.data[index + c] = Math.round(channel + (255 - channel) * white);
      });
      png.data[index + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** The 32×32 outline icon: the same signpost, white, on a transparent background (only white pixels). */
export function drawOutlineIcon(): Buffer {
  const { size } = OUTLINE_ICON;
  const png = new PNG({ width: size, height: size });
  const extent = size - 2 * OUTLINE_MARGIN_PX;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const index = (y * size + x) * 4;
      png.data[index] = 255;
      png.data[index + 1] = 255;
      png.data[index + 2] = 255;
      png.data[index + 3] = Math.round(255 * coverage(x, y, OUTLINE_MARGIN_PX, extent));
    }
  }
  return PNG.sync.write(png);
}

/** The values the template's {{PLACEHOLDERS}} take; fails, naming the variable, when the config lacks one. */
export function manifestValues(config: Config): Record<string, string> {
  const appId = config.botAuth.MicrosoftAppId;
  if (!appId || !GUID.test(appId)) {
    throw new ConfigError('The Teams app package needs MicrosoftAppId: the Azure Bot app id (a GUID)');
  }
  if (!config.publicHostName) {
    throw new ConfigError('The Teams app package needs PUBLIC_HOST_NAME: the host name the bot is reached at');
  }
  return { MICROSOFT_APP_ID: appId, PUBLIC_HOST_NAME: config.publicHostName, VERSION: config.version };
}

/** Replaces placeholders in every string of a JSON value. */
function fill(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) {
        throw new Error(`manifest template: unknown placeholder ${whole}`);
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) {
    return value.map((item) => fill(item, values));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, fill(child, values)]));
  }
  return value;
}

/** The manifest: the template with the app id, host name and version of this configuration. */
export function buildManifest(config: Config, templatePath = path.join(projectRoot(), MANIFEST_TEMPLATE)): unknown {
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as unknown;
  return fill(template, manifestValues(config));
}

/** The zip Teams accepts: manifest.json, color.png and outline.png at its root. */
export function buildAppPackage(config: Config): Buffer {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(buildManifest(config), null, 2)}\n`, 'utf8'));
  zip.addFile(COLOR_ICON.file, drawColorIcon());
  zip.addFile(OUTLINE_ICON.file, drawOutlineIcon());
  return zip.toBuffer();
}

/** Writes the package to a file (creating its folder) and returns the file's absolute path. */
export function writeAppPackage(config: Config, outFile: string): string {
  const target = path.resolve(outFile);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, buildAppPackage(config));
  return target;
}
