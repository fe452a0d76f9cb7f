/**
 * Horizontal pod autoscaling of an app (`autoscaling/v2`
 * HorizontalPodAutoscaler on the Deployment).
 */
export interface AutoscalingOptions {
  /**
   * Fewest pods. The PodDisruptionBudget (`maxUnavailable: 1`) is written
   * when this is above 1, as for `replicas`.
   * @default 2
   */
  readonly minReplicas?: number;
  /** Most pods. */
  readonly maxReplicas: number;
  /**
   * Target average CPU use, in percent of the container's CPU request
   * (`Resource` metric, `averageUtilization`). Needs a CPU request.
   * @default 80 when no target is given, else none
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory use, in percent of the container's memory request.
   * Needs a memory request.
   * @default - none
   */
  readonly memoryUtilization?: number;
}
