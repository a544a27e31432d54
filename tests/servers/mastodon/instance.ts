import { versionAtLeast, type Core } from './core';
import { sendJson } from './http';
import { IMAGE_MIME_TYPES, OTHER_MIME_TYPES, VIDEO_SIZE_LIMIT } from './media-probe';
import type { Route } from './router';

// GET /api/v2/instance (REST::InstanceSerializer) and the deprecated
// GET /api/v1/instance (REST::V1::InstanceSerializer), with the configuration
// limits clients read before composing.

export const DESCRIPTION_LIMIT = 1500;
const IMAGE_MATRIX_LIMIT = 33_177_600;
const VIDEO_MATRIX_LIMIT = 8_294_400;
const VIDEO_FRAME_RATE_LIMIT = 120;

/** `api_versions.mastodon` by release: added in 4.3 (2), bumped in 4.4 (6) and 4.5 (7). */
function apiVersion(version: string): number {
  if (versionAtLeast(version, 4, 5)) return 7;
  if (versionAtLeast(version, 4, 4)) return 6;
  return 2;
}

function statusesConfig(core: Core) {
  return {
    max_characters: core.opts.maxCharacters,
    max_media_attachments: core.opts.maxMediaAttachments,
    characters_reserved_per_url: core.opts.charactersReservedPerUrl,
  };
}

function mediaConfig(core: Core, withDescriptionLimit: boolean) {
  return {
    ...(withDescriptionLimit ? { description_limit: DESCRIPTION_LIMIT } : {}),
    image_matrix_limit: IMAGE_MATRIX_LIMIT,
    image_size_limit: core.opts.imageSizeLimit,
    supported_mime_types: [...IMAGE_MIME_TYPES, ...OTHER_MIME_TYPES],
    video_frame_rate_limit: VIDEO_FRAME_RATE_LIMIT,
    video_matrix_limit: VIDEO_MATRIX_LIMIT,
    video_size_limit: VIDEO_SIZE_LIMIT,
  };
}

function pollsConfig(core: Core) {
  const polls = core.opts.polls;
  return {
    max_options: polls.maxOptions,
    max_characters_per_option: polls.maxCharactersPerOption,
    min_expiration: polls.minExpiration,
    max_expiration: polls.maxExpiration,
  };
}

function localUserCount(core: Core): number {
  return core.state.accounts.filter((a) => a.domain === null).length;
}

export function v2Instance(core: Core): Record<string, unknown> {
  const version = core.opts.version;
  const since43 = versionAtLeast(version, 4, 3);
  const since44 = versionAtLeast(version, 4, 4);
  const streaming = core.baseUrl.replace(/^http/, 'ws');
  const json: Record<string, unknown> = {
    domain: core.domain,
    title: core.opts.title,
    version,
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'A Mastodon stand-in for automated tests.',
    usage: { users: { active_month: localUserCount(core) } },
    thumbnail: { url: `${core.baseUrl}/packs/media/images/preview.png` },
    languages: ['en'],
    configuration: {
      urls: {
        streaming,
        status: null,
        ...(since43 ? { about: `${core.baseUrl}/about`, privacy_policy: `${core.baseUrl}/privacy-policy` } : {}),
        ...(since44 ? { terms_of_service: null } : {}),
      },
      ...(since43 ? { vapid: { public_key: core.vapidKey } } : {}),
      accounts: {
        max_featured_tags: 10,
        max_pinned_statuses: 5,
        ...(since44 ? { max_profile_fields: 4, profile_field_name_limit: 255, profile_field_value_limit: 255 } : {}),
      },
      statuses: statusesConfig(core),
      media_attachments: mediaConfig(core, since44),
      polls: pollsConfig(core),
      translation: { enabled: false },
      ...(versionAtLeast(version, 4, 5)
        ? {
            timelines_access: {
              live_feeds: { local: 'public', remote: 'public' },
              hashtag_feeds: { local: 'public', remote: 'public' },
              trending_link_feeds: { local: 'public', remote: 'public' },
            },
            limited_federation: false,
          }
        : {}),
    },
    registrations: {
      enabled: false,
      approval_required: false,
      reason_required: false,
      message: null,
      min_age: null,
      url: null,
    },
    contact: { email: `admin@${core.domain}`, account: null },
    rules: [],
  };
  if (since43) {
    json.icon = [36, 48, 72, 96, 144, 192, 256, 384, 512].map((size) => ({
      src: `${core.baseUrl}/packs/media/icons/android-chrome-${size}x${size}.png`,
      size: `${size}x${size}`,
    }));
    json.api_versions = { mastodon: apiVersion(version) };
  }
  return json;
}

export function v1Instance(core: Core): Record<string, unknown> {
  return {
    uri: core.domain,
    title: core.opts.title,
    short_description: 'A Mastodon stand-in for automated tests.',
    description: '',
    email: `admin@${core.domain}`,
    version: core.opts.version,
    urls: { streaming_api: core.baseUrl.replace(/^http/, 'ws') },
    stats: {
      user_count: localUserCount(core),
      status_count: core.state.statuses.filter((s) => !s.deleted).length,
      domain_count: new Set(core.state.accounts.map((a) => a.domain).filter((d) => d !== null)).size,
    },
    thumbnail: `${core.baseUrl}/packs/media/images/preview.png`,
    languages: ['en'],
    registrations: false,
    approval_required: false,
    invites_enabled: false,
    configuration: {
      accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
      statuses: statusesConfig(core),
      media_attachments: mediaConfig(core, false),
      polls: pollsConfig(core),
    },
    contact_account: null,
    rules: [],
    ...(core.opts.pleromaInstance ? pleromaExtras(core) : {}),
  };
}

/** Pleroma/Akkoma's v1 instance: limits at the top level, and the `pleroma` block (features, post formats). */
function pleromaExtras(core: Core): Record<string, unknown> {
  const polls = core.opts.polls;
  return {
    max_toot_chars: core.opts.maxCharacters,
    max_media_attachments: core.opts.maxMediaAttachments,
    upload_limit: core.opts.imageSizeLimit,
    description_limit: DESCRIPTION_LIMIT,
    poll_limits: {
      max_options: polls.maxOptions,
      max_option_chars: polls.maxCharactersPerOption,
      min_expiration: polls.minExpiration,
      max_expiration: polls.maxExpiration,
    },
    pleroma: {
      metadata: {
        features: ['mastodon_api', 'mastodon_api_streaming', 'polls', 'quote_posting', 'editing', 'bubble_timeline'],
        post_formats: ['text/plain', 'text/html', 'text/markdown', 'text/bbcode', 'text/x.misskeymarkdown'],
        fields_limits: { max_fields: 10, name_length: 512, value_length: 2048 },
      },
    },
  };
}

/** GET /.well-known/nodeinfo and the document it links to: where `software.name` says which server this is. */
export function nodeinfoRoutes(core: Core): Route[] {
  const nodeinfo = core.opts.nodeinfo;
  if (!nodeinfo) return [];
  const { schema } = nodeinfo;
  return [
    {
      method: 'GET',
      path: '/.well-known/nodeinfo',
      handler: (ctx) =>
        sendJson(ctx, 200, {
          links: [
            {
              rel: `http://nodeinfo.diaspora.software/ns/schema/${schema}`,
              href: `${core.baseUrl}/nodeinfo/${schema}`,
            },
          ],
        }),
    },
    {
      method: 'GET',
      path: `/nodeinfo/${schema}`,
      handler: (ctx) =>
        sendJson(ctx, 200, {
          version: schema,
          software: { name: nodeinfo.name, version: nodeinfo.version },
          protocols: ['activitypub'],
          services: { outbound: [], inbound: [] },
          usage: { users: { total: localUserCount(core) }, localPosts: core.state.statuses.length },
          openRegistrations: false,
          metadata: {},
        }),
    },
  ];
}

export function instanceRoutes(core: Core): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v2/instance',
      handler: (ctx) => {
        if (!core.opts.v2Instance) {
          // Servers before 4.0 have no such route.
          sendJson(ctx, 404, { error: 'Not Found' });
          return;
        }
        sendJson(ctx, 200, v2Instance(core));
      },
    },
    { method: 'GET', path: '/api/v1/instance', handler: (ctx) => sendJson(ctx, 200, v1Instance(core)) },
  ];
}
