/**
 * Container image references as the kubelet reads them. The kubelet parses
 * `spec.containers[].image` with `reference.ParseNormalizedNamed` of
 * github.com/distribution/reference (kubernetes `pkg/util/parsers`); what it
 * refuses leaves the pod in `InvalidImageName`, after every schema accepted
 * the manifest. The grammar below is the one documented in that package
 * (`reference.go`, `regexp.go`, `normalize.go`), written out here:
 *
 *   reference   := name [ ":" tag ] [ "@" digest ]
 *   name        := [ domain "/" ] path-component *( "/" path-component )
 *   domain      := host [ ":" port ]   host := domain-name | "[" ipv6 "]"
 *   path-component := [a-z0-9]+ *( separator [a-z0-9]+ )
 *   separator   := "." | "_" | "__" | "-"+
 *   tag         := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
 *   digest      := algorithm ":" hex    (sha256: 64, sha384: 96, sha512: 128 lower-case hex digits;
 *                                        go-digest refuses other algorithms)
 *
 * A first component is a domain only if it contains "." or ":", is
 * `localhost`, or has upper-case letters; the repository path must be lower
 * case and at most 255 characters; a bare 64-hex string is refused.
 */

/** A parsed image reference. */
export interface ImageReference {
  /** registry host[:port], undefined for Docker Hub short names */
  readonly domain?: string;
  /** repository path */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const PATH = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST_SYNTAX = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const DIGEST_LENGTH: { [algorithm: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };
const REPOSITORY_NAME_MAX = 255;

/** Parse an image reference, or return why the kubelet would refuse it. */
export function parseImageReference(ref: string): ImageReference | { error: string } {
  if (typeof ref !== 'string' || ref === '') return { error: 'an image reference is required' };
  if (/^[a-f0-9]{64}$/.test(ref)) return { error: 'a bare 64-hex identifier is not a repository name' };
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_SYNTAX.test(digest)) return { error: `the digest "${digest}" is not algorithm:hex (e.g. sha256: and 64 hex digits)` };
    const [algorithm, hex] = digest.split(':');
    const length = DIGEST_LENGTH[algorithm];
    if (length === undefined) return { error: `the digest algorithm "${algorithm}" is not supported (sha256, sha384 or sha512)` };
    if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return { error: `a ${algorithm} digest is ${length} lower-case hex digits` };
  }
  // The domain ends at the first "/"; a ":" after the last "/" starts the tag.
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : undefined;
  const isDomain = first !== undefined && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  const domain = isDomain ? first : undefined;
  let remainder = isDomain ? rest.slice(slash + 1) : rest;
  let tag: string | undefined;
  const colon = remainder.lastIndexOf(':');
  if (colon >= 0) {
    tag = remainder.slice(colon + 1);
    remainder = remainder.slice(0, colon);
    if (!TAG.test(tag)) {
      return { error: tag === '' ? 'the tag after ":" is empty' : `the tag "${tag}" is not valid (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")` };
    }
  }
  if (domain !== undefined && !DOMAIN.test(domain)) return { error: `the registry "${domain}" is not a host name or [IPv6] address with an optional :port` };
  if (remainder === '') return { error: 'the repository name is empty' };
  if (remainder.toLowerCase() !== remainder && PATH.test(remainder.toLowerCase())) {
    return { error: `the repository name "${remainder}" must be lower case` };
  }
  if (!PATH.test(remainder)) {
    return { error: `the repository name "${remainder}" is not valid (lower-case letters and digits, separated by ".", "_", "__" or "-", components joined by "/")` };
  }
  if (remainder.length > REPOSITORY_NAME_MAX) return { error: `the repository name is longer than ${REPOSITORY_NAME_MAX} characters` };
  return { domain, path: remainder, tag, digest };
}

/** True when `parseImageReference` failed. */
export function isImageError(r: ImageReference | { error: string }): r is { error: string } {
  return (r as { error?: string }).error !== undefined;
}
