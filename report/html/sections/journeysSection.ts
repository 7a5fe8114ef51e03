/** The most frequent journeys through the shop and how often each ends in a purchase. */
import { EVENT_TYPE_LABELS } from "../../charts/chartTheme.js";
import { formatCount, formatPercent } from "../../format.js";
import type { EventType, JourneyPathRow, JourneySection } from "../../reportData.js";
import { card, dataTable, section } from "../components.js";
import { html, type SafeHtml } from "../safeHtml.js";

function stepLabel(step: string): string {
  return step in EVENT_TYPE_LABELS ? EVENT_TYPE_LABELS[step as EventType] : step;
}

function journeyPath(path: string[]): SafeHtml {
  return html`<span class="path">${path.map(
    (step, index) => html`${index > 0 ? html`<span class="arrow" aria-label="then">→</span>` : ""}<span class="step step-${step}">${stepLabel(step)}</span>`,
  )}</span>`;
}

export function journeysSection(journeys: JourneySection): SafeHtml {
  return section({
    id: "journeys",
    title: "Journeys",
    intro: "Which paths do sessions take through the shop, and which of them end in a purchase? Consecutive events of one type count as one step.",
    body: card(
      "Most frequent journey paths",
      "Which journeys are most common, and how often does each convert?",
      dataTable<JourneyPathRow>({
        caption: `The ${journeys.paths.length} most frequent of ${formatCount(journeys.pathCount)} paths (journey_paths).`,
        columns: [
          { title: "Path", cell: (row) => journeyPath(row.path), sortValue: (row) => row.path.join(">") },
          { title: "Sessions", numeric: true, cell: (row) => formatCount(row.sessions), sortValue: (row) => row.sessions },
          {
            title: "Share of sessions",
            numeric: true,
            cell: (row) => html`<span class="bar-cell"><span class="bar" style="width:${(Math.max(row.share, 0.002) * 100).toFixed(1)}%"></span>${formatPercent(row.share)}</span>`,
            sortValue: (row) => row.share,
          },
          { title: "Converted", numeric: true, cell: (row) => formatPercent(row.conversionRate), sortValue: (row) => row.conversionRate },
          { title: "Events per session", numeric: true, cell: (row) => row.averageEvents.toFixed(1), sortValue: (row) => row.averageEvents },
        ],
        rows: journeys.paths,
        sortable: true,
      }),
      "table-journeys",
    ),
  });
}
