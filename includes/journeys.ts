// Journeys: the event types a session went through, with consecutive repeats collapsed into one
// step (view, view, cart → view>cart).

/** A journey path keeps its first this-many steps. */
export const JOURNEY_MAX_STEPS = 12;

/**
 * The journey path of each group of session events, from their `journey_step` numbers: one
 * conditional aggregate per step, joined with '>'. All events of a step share one type. This costs
 * a fraction of an ordered ARRAY_AGG, which sorts inside every group. Each step aggregates the
 * events' funnel rank, named by `typeOfRank` (constants.eventTypeOfRank) once per group.
 */
export function journeyPath(typeOfRank: (rankSql: string) => string): string {
  const steps = Array.from({ length: JOURNEY_MAX_STEPS }, (_, index) => typeOfRank(`MAX(IF(journey_step = ${index + 1}, funnel_rank, NULL))`));
  return `ARRAY_TO_STRING([\n      ${steps.join(",\n      ")}\n    ], '>')`;
}
