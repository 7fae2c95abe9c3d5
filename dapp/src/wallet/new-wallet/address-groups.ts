/**
 * An address cut into groups of four after "0x", the way people read a long number aloud and
 * compare it with another screen: "0x f39F d6e5 1aad …". Each group is one unbreakable unit, so the
 * address wraps between groups on a phone instead of mid-word or off the edge.
 */
export function addressGroups(address: string): string[] {
  const body = address.startsWith("0x") ? address.slice(2) : address;
  return ["0x", ...(body.match(/.{1,4}/g) ?? [])];
}
