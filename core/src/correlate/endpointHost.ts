/** The IP part of an endpoint name as `formatEndpoint` writes it ("ip:port", "[v6]:port"). */
export function hostOf(endpoint: string): string {
  const colon = endpoint.lastIndexOf(':');
  const host = endpoint.slice(0, colon);
  return host.startsWith('[') ? host.slice(1, -1) : host;
}
