/**
 * The server (server.ts) overwrites this header with the address Express resolved, so a client
 * cannot choose its own value.
 */
export const CLIENT_IP_HEADER = "x-client-ip";

export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
