import { LintSeverity } from './finding';
import { describe } from './manifest-index';
import { Rule, rule } from './rule';
import { isImageError, parseImageReference } from '../internal/image-reference';

/**
 * Workload fields every schema accepts and the kubelet still refuses: an
 * image reference outside the grammar of github.com/distribution/reference
 * (which the kubelet parses images with) leaves the pod in InvalidImageName.
 */

const IMAGE_FIX = 'write [registry/]repository[:tag][@sha256:digest] with a lower-case repository and one ":" before the tag, e.g. tomcat:9.0';

export const WORKLOAD_RULES: Rule[] = [
  rule('image-reference-invalid', LintSeverity.ERROR,
    'The kubelet parses container images with the distribution/reference grammar; a reference outside it (upper-case repository, "::", an empty tag, a malformed digest) leaves the pod in InvalidImageName although every schema accepts it.',
    IMAGE_FIX,
    (index, report) => {
      for (const w of index.workloads) {
        for (const group of ['initContainers', 'containers']) {
          const containers = w.spec[group];
          if (!Array.isArray(containers)) continue;
          containers.forEach((c: any, i: number) => {
            if (typeof c?.image !== 'string') return;
            const parsed = parseImageReference(c.image);
            if (!isImageError(parsed)) return;
            report(w.ref, `${describe(w.ref)} container ${c.name ?? i} has image ${JSON.stringify(c.image)}: ${parsed.error}; the pod would stay in InvalidImageName`,
              IMAGE_FIX, `${w.specPath}.${group}[${i}].image`);
          });
        }
      }
    }),
];
