/** Permalinks: management by API key, hosts with their own tokens, and the meeting a host starts. */
import type { AccessKeyRecord, PermalinkHostRecord, PermalinkRecord } from "../entities";
import { ApiError, notFound } from "../errors";
import { defaultOptions, mergeOptions, permalinkDefaults, type OptionsInput } from "../options";
import type { StoreCore, UserInputValue } from "./core";
import type { Meetings } from "./meetings";

/** The permalinks area of the store: permalinks, their hosts and the meeting a host starts. */
export class Permalinks {
  /** An area of the store; a permalink's meeting is started, joined and ended through `meetings`. */
  constructor(
    private readonly core: StoreCore,
    private readonly meetings: Meetings,
  ) {}

  /** Permalinks of an API key in creation order. */
  permalinksOf(apiKey: string): PermalinkRecord[] {
    return [...this.core.permalinks.values()].filter((p) => p.apiKey === apiKey);
  }

  /** A permalink of `apiKey`, or 404. */
  permalink(apiKey: string, permalinkId: string): PermalinkRecord {
    const permalink = this.core.permalinks.get(permalinkId);
    if (!permalink || permalink.apiKey !== apiKey) throw notFound("Permalink");
    return permalink;
  }

  /** True when the permalink's `expires_at` has passed. */
  isExpired(permalink: PermalinkRecord): boolean {
    return permalink.expiresAt !== null && Date.parse(permalink.expiresAt) <= this.core.now().getTime();
  }

  /** A new host with their own token. */
  private newHost(permalinkId: string, user: UserInputValue): PermalinkHostRecord {
    const host: PermalinkHostRecord = {
      user: {
        id: user.id ?? this.core.newId(),
        name: user.name,
        avatar: user.avatar ?? null,
        guest: false,
        joinedAt: this.core.nowIso(),
      },
      userToken: this.core.newToken(),
      revoked: false,
    };
    this.core.userTokens.set(host.userToken, { permalinkId, host });
    return host;
  }

  /** `POST /permalink`: the creator becomes the first host. Permalinks default to widescreen (the option table). */
  createPermalink(
    apiKey: string,
    input: { name?: string; user: UserInputValue; expires_at?: string; options?: OptionsInput },
  ): { permalink: PermalinkRecord; host: PermalinkHostRecord } {
    const id = this.core.newId();
    const permalink: PermalinkRecord = {
      id,
      apiKey,
      name: input.name ?? input.user.name,
      createdAt: this.core.nowIso(),
      expiresAt: input.expires_at ? new Date(input.expires_at).toISOString() : null,
      guestToken: this.core.newToken(),
      options: defaultOptions(input.options, permalinkDefaults()),
      hosts: [],
      deleted: false,
    };
    const host = this.newHost(id, input.user);
    permalink.hosts.push(host);
    this.core.permalinks.set(id, permalink);
    this.core.guestTokens.set(permalink.guestToken, { permalinkId: id });
    return { permalink, host };
  }

  /** `PUT /permalink/ID`: partial update; a running permalink meeting takes the new options at once. */
  updatePermalink(
    permalink: PermalinkRecord,
    input: { name?: string; expires_at?: string | null; options?: OptionsInput },
  ): void {
    if (input.name !== undefined) permalink.name = input.name;
    if (input.expires_at !== undefined) {
      permalink.expiresAt = input.expires_at === null ? null : new Date(input.expires_at).toISOString();
    }
    if (input.options) {
      mergeOptions(permalink.options, input.options, permalinkDefaults());
      const running = this.core.runningMeeting(permalink.apiKey, permalink.id);
      if (running) mergeOptions(running.options, input.options, permalinkDefaults());
    }
    const running = this.core.runningMeeting(permalink.apiKey, permalink.id);
    if (running && input.name !== undefined) running.name = input.name;
  }

  /** `DELETE /permalink/ID`: revokes all host tokens and the guest token, and ends a running meeting. */
  deletePermalink(permalink: PermalinkRecord): void {
    const running = this.core.runningMeeting(permalink.apiKey, permalink.id);
    if (running) this.meetings.endMeeting(running);
    for (const host of permalink.hosts) host.revoked = true;
    permalink.deleted = true;
    this.core.guestTokens.delete(permalink.guestToken);
    this.core.permalinks.delete(permalink.id);
  }

  /** `POST /permalink/ID/users`: a new host with their own token. */
  addHost(permalink: PermalinkRecord, user: UserInputValue): PermalinkHostRecord {
    if (user.id !== undefined && permalink.hosts.some((h) => !h.revoked && h.user.id === user.id)) {
      throw new ApiError(400, "Invalid parameter: user[id] (already a host of this permalink)");
    }
    const host = this.newHost(permalink.id, user);
    permalink.hosts.push(host);
    return host;
  }

  /**
   * `DELETE /permalink/ID/users/USER_TOKEN`: revokes the host's token (`docs/api-notes.md`, "Permalinks and their hosts"). The last host cannot be
   * removed (an emulator choice: a permalink always has a host to answer with).
   */
  removeHost(permalink: PermalinkRecord, userToken: string): void {
    const entry = this.core.userTokens.get(userToken);
    if (!entry || entry.permalinkId !== permalink.id || entry.host.revoked) throw notFound("Host");
    if (this.activeHosts(permalink).length <= 1) {
      throw new ApiError(400, "Cannot remove the last host of a permalink");
    }
    entry.host.revoked = true;
  }

  /** Hosts whose tokens still work, in registration order. */
  activeHosts(permalink: PermalinkRecord): PermalinkHostRecord[] {
    return permalink.hosts.filter((h) => !h.revoked);
  }

  /** Resolves a host token: 404 when unknown or revoked. */
  resolveUserToken(userToken: string): { permalink: PermalinkRecord; host: PermalinkHostRecord } {
    const entry = this.core.userTokens.get(userToken);
    const permalink = entry ? this.core.permalinks.get(entry.permalinkId) : undefined;
    if (!entry || entry.host.revoked || !permalink) throw new ApiError(404, "Invalid user token");
    return { permalink, host: entry.host };
  }

  /**
   * `POST /permalink/USER_TOKEN`: starts the permalink meeting (or joins it when running). An expired
   * permalink cannot start a meeting: 410 (an emulator choice); a running one can still be joined.
   */
  startPermalinkMeeting(userToken: string): AccessKeyRecord {
    const { permalink, host } = this.resolveUserToken(userToken);
    let meeting = this.core.runningMeeting(permalink.apiKey, permalink.id);
    if (!meeting) {
      if (this.isExpired(permalink)) throw new ApiError(410, "Permalink expired");
      meeting = this.meetings.newMeeting(
        permalink.apiKey,
        permalink.id,
        permalink.name,
        structuredClone(permalink.options),
        permalink.id,
      );
    }
    return this.meetings.join(
      meeting,
      { name: host.user.name, id: host.user.id, avatar: host.user.avatar ?? undefined },
      false,
    );
  }
}
