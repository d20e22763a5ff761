import type { ReferenceKind } from '../../../shared/protocol';
import { missingScopeText } from '../api/limitMessages';
import type { ApiKeyKind } from '../api/apiKey';
import type { ReadsState } from '../api/clinikApiReads';
import { markdownCode, markdownText } from '../editor/markdown';
import type { Resolution } from './referenceResolver';
import type { Resolved } from './resolvedResources';

/** Where an answer came from, as hover says it. */
export function environmentLabel(environment: ApiKeyKind): string {
  return environment === 'live' ? 'ClinikAPI production, live key' : 'ClinikAPI sandbox, test key';
}

/** `sandbox` / `production`, for messages. */
export function environmentName(environment: ApiKeyKind): string {
  return environment === 'live' ? 'production' : 'sandbox';
}

export const KIND_NAME: Record<ReferenceKind, string> = {
  patient: 'patient',
  practitioner: 'practitioner',
  encounter: 'encounter',
  organization: 'organization',
  document: 'document',
};

const ENCOUNTER_CLASS: Record<string, string> = {
  IMP: 'inpatient',
  AMB: 'ambulatory',
  EMER: 'emergency',
  HH: 'home health',
  VR: 'virtual',
  OBSENC: 'observation',
  SS: 'short stay',
  ACUTE: 'inpatient acute',
  NONAC: 'inpatient non-acute',
  PRENC: 'pre-admission',
  FLD: 'field',
};

/** `Jane Doe · born 1990-03-15 · female`, `Dr. Alice Sample`, `inpatient · finished · 2025-01-12 – 2025-01-15`. */
export function describe(resource: Resolved): string {
  const parts: string[] = [];
  switch (resource.kind) {
    case 'patient':
      parts.push(resource.name || '(no name on record)');
      if (resource.birthDate) parts.push(`born ${resource.birthDate}`);
      if (resource.gender) parts.push(resource.gender);
      if (!resource.active) parts.push('inactive');
      break;
    case 'practitioner':
    case 'organization':
      parts.push(resource.name || '(no name on record)');
      if (!resource.active) parts.push('inactive');
      break;
    case 'encounter':
      parts.push(encounterClass(resource.classCode) ?? 'encounter');
      if (resource.status) parts.push(resource.status);
      if (resource.start) parts.push(period(resource.start, resource.end));
      break;
    case 'document':
      parts.push(resource.title ? `“${resource.title}”` : '(untitled document)');
      if (resource.status) parts.push(resource.status);
      if (resource.date) parts.push(resource.date.slice(0, 10));
      break;
  }
  return parts.join(' · ');
}

/** The short text after an id (inlay hint, preview): `Jane Doe, 1990-03-15`. */
export function shortLabel(resource: Resolved): string {
  switch (resource.kind) {
    case 'patient':
      return [resource.name || '(no name)', resource.birthDate].filter(Boolean).join(', ') + (resource.active ? '' : ' (inactive)');
    case 'practitioner':
    case 'organization':
      return (resource.name || '(no name)') + (resource.active ? '' : ' (inactive)');
    case 'encounter':
      return [encounterClass(resource.classCode) ?? 'encounter', resource.start?.slice(0, 10)].filter(Boolean).join(', ');
    case 'document':
      return [resource.title ? `“${resource.title}”` : '(untitled)', resource.date?.slice(0, 10)].filter(Boolean).join(', ');
  }
}

/** The label of an id that has no answer. */
export function unresolvedLabel(resolution: Resolution, kind: ReferenceKind, environment: ApiKeyKind | undefined): string {
  switch (resolution.state) {
    case 'unknown':
      return `no such ${KIND_NAME[kind]} in ClinikAPI${environment ? ` (${environmentName(environment)})` : ''}`;
    case 'invalidId':
      return 'not a ClinikAPI id';
    case 'pending':
      return 'resolving…';
    default:
      return 'not resolved';
  }
}

/**
 * Hover markdown for one id (shown under the schema's documentation). Every string from ClinikAPI
 * or the file (names, ids, the base URL) goes in escaped, or as a code span no backtick can end.
 */
export function hoverMarkdown(kind: ReferenceKind, id: string, resolution: Resolution, state: ReadsState): string {
  const environment = state.kind === 'off' ? undefined : state.environment;
  if (resolution.state === 'resolved') {
    const lines = [`**${markdownText(describe(resolution.resource))}**`];
    const r = resolution.resource;
    if ((r.kind === 'encounter' || r.kind === 'document') && r.patientId) lines.push(`of patient ${markdownCode(r.patientId)}`);
    if (environment) lines.push(`_${environmentLabel(environment)}_`);
    return lines.join('\n\n');
  }
  const why =
    resolution.state === 'unknown'
      ? `ClinikAPI${environment ? ` (${environmentName(environment)})` : ''} has no ${KIND_NAME[kind]} ${markdownCode(id)}.`
      : resolution.state === 'invalidId'
        ? `Not looked up: a ClinikAPI id is 1–128 letters, digits, \`-\`, \`_\` or \`.\`.`
        : `Not resolved: ${markdownText(stateSentence(state))}`;
  return environment ? `${why}\n\n_${environmentLabel(environment)}_` : why;
}

/** Hover markdown for words of the text that disagree with the patient: ClinikAPI's word on it, escaped. */
export function textProblemMarkdown(detail: string, state: ReadsState): string {
  const lines = [markdownText(detail)];
  if (state.kind !== 'off') lines.push(`_${environmentLabel(state.environment)}_`);
  return lines.join('\n\n');
}

/** Why ids are or are not being resolved (status bar tooltip, hover of an unresolved id). */
export function stateSentence(state: ReadsState, now: number = Date.now()): string {
  switch (state.kind) {
    case 'ready':
      return `ids are resolved against ${environmentLabel(state.environment)} (${state.origin}).`;
    case 'paused': {
      const seconds = Math.max(1, Math.ceil((state.until - now) / 1000));
      return state.quota
        ? `ClinikAPI's quota is used up; reads resume in ${formatWait(seconds)}.`
        : `ClinikAPI's rate limit was reached; reads resume in ${formatWait(seconds)}.`;
    }
    case 'off':
      switch (state.reason) {
        case 'noKey':
          return 'no ClinikAPI key is set (ClinikAPI: Set API Key).';
        case 'badKey':
          return 'the stored key is not a ClinikAPI key.';
        case 'badBaseUrl':
          return 'clinikapi.baseUrl is not usable.';
        case 'liveKeyOverHttp':
          return 'a live key is used over https only, and clinikapi.baseUrl is http://.';
        case 'unauthorized':
          return 'ClinikAPI refused the key (401); resolution is off until the key changes.';
        case 'forbidden':
          return `${lowerFirst(missingScopeText('read', state.detail))} Resolution is off until the key changes.`;
      }
  }
}

/** The one notification when ClinikAPI refuses the key for reads; undefined for other states. */
export function refusalMessage(state: ReadsState): string | undefined {
  if (state.kind !== 'off') return undefined;
  if (state.reason === 'unauthorized') return 'ClinikAPI refused the key (401), so ClinikDoc stopped resolving ids. Set a valid key to resume.';
  if (state.reason === 'forbidden') return `${missingScopeText('read', state.detail)} ClinikDoc stopped resolving ids until then.`;
  return undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function encounterClass(code: string | undefined): string | undefined {
  return code ? (ENCOUNTER_CLASS[code] ?? code) : undefined;
}

function period(start: string, end: string | undefined): string {
  const s = start.slice(0, 10);
  const e = end?.slice(0, 10);
  return e && e !== s ? `${s} – ${e}` : s;
}

function formatWait(seconds: number): string {
  return seconds >= 120 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`;
}
