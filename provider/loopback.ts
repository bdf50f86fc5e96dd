/**
 * Which hosts never leave the machine. One rule for the provider (plain `http://` is accepted only to them)
 * and the emulator (it delivers webhooks only to them unless told otherwise), so both promise the same thing.
 *
 * Names under `.localhost` are not included: they reach loopback only when the resolver follows RFC 6761,
 * and a guarantee that plain http (or an offline emulator) stays on the machine must not depend on DNS.
 * IPv6 forms such as `0:0:0:0:0:0:0:1` need no rule of their own: a URL's hostname is already compressed.
 */
import { isIP } from "node:net";

/** True for hosts that never leave the machine: 127.0.0.0/8, ::1 and localhost (a URL's `hostname`). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1";
  return false;
}
