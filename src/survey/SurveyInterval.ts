/**
 * A confidence interval: `lower <= upper`, in the unit of the estimate it belongs to.
 *
 * @category Survey
 */
export interface SurveyInterval {
  readonly lower: number;
  readonly upper: number;
}
