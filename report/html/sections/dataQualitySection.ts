/** Can the numbers be trusted: every line accounted for, assertions, freshness. */
import { formatCount, formatInstant } from "../../format.js";
import type { AssertionResult, DataQualitySection, ReasonCount } from "../../reportData.js";
import { card, dataTable, facts, section, thirds } from "../components.js";
import { html, type SafeHtml } from "../safeHtml.js";

export function dataQualitySection(quality: DataQualitySection, generatedAt: string): SafeHtml {
  return section({
    id: "data-quality",
    title: "Data quality",
    intro: "Can these numbers be trusted? Every input line is accounted for, the assertions guard every layer, and the data's age is shown.",
    body: thirds(accountingCard(quality), assertionsCard(quality.assertions), freshnessCard(quality, generatedAt)),
  });
}

function accountingCard(quality: DataQualitySection): SafeHtml {
  const reconciles = quality.rawRows === quality.stagedEvents + quality.duplicateCopies + quality.rejectedInStaging;
  const sessionized = quality.eventsInSessions === quality.stagedEvents;
  return card(
    "Rows loaded and rejected",
    "Where did every input line go?",
    html`${facts([
      ["Files loaded", formatCount(quality.files)],
      ["Lines read", formatCount(quality.lines)],
      ["Rows in raw now", formatCount(quality.rawRows)],
      ["Quarantined at load", formatCount(quality.quarantinedRows)],
      ["Distinct events staged", formatCount(quality.stagedEvents)],
      ["Duplicate copies collapsed", formatCount(quality.duplicateCopies)],
      ["Rejected by business rules", formatCount(quality.rejectedInStaging)],
      ["Sessions", formatCount(quality.sessions)],
      ["Sessions cut at midnight (activity that never paused)", formatCount(quality.dayCutSessions)],
      ["Events in those sessions", formatCount(quality.dayCutEvents)],
    ])}
<p class="${reconciles ? "status ok" : "status fail"}">${
      reconciles
        ? `Reconciled: ${formatCount(quality.rawRows)} raw rows = staged + duplicates + rejected.`
        : `Does not reconcile: ${formatCount(quality.rawRows)} raw rows ≠ ${formatCount(quality.stagedEvents + quality.duplicateCopies + quality.rejectedInStaging)} staged + duplicates + rejected.`
    }</p>
<p class="${sessionized ? "status ok" : "status fail"}">${
      sessionized
        ? `Every staged event is in one session: ${formatCount(quality.eventsInSessions)} events in ${formatCount(quality.sessions)} sessions.`
        : `Sessions hold ${formatCount(quality.eventsInSessions)} events, not the ${formatCount(quality.stagedEvents)} staged.`
    }</p>${
      quality.dayCutSessions
        ? html`
<p class="note">Activity that never pauses longer than the session timeout (a crawler, a kiosk, a page that refreshes itself) is cut at UTC midnight once it has run for two dates, so that every session stays within the window incremental runs recompute; these sessions began or ended at such a cut.</p>`
        : ""
    }
${
  quality.rejections.length
    ? dataTable<ReasonCount>({
        caption: "Rejected rows by reason: quarantined at load (raw.events_rejected) or rejected in staging (stg_events_rejected).",
        columns: [
          { title: "Stage", cell: (row) => (row.stage === "load" ? "load" : "staging") },
          { title: "Reason", cell: (row) => row.reason },
          { title: "Rows", numeric: true, cell: (row) => formatCount(row.rows), sortValue: (row) => row.rows },
        ],
        rows: quality.rejections,
        scroll: true,
      })
    : html`<p class="status ok">No line was rejected.</p>`
}`,
    "data-accounting",
  );
}

function assertionsCard(assertions: AssertionResult[] | null): SafeHtml {
  if (assertions === null) {
    return card("Assertions", "Do the data's checks pass?", html`<p class="status warn">No assertion results: the last run skipped them (--disable-assertions). Run \`npx clickstream run\` to check.</p>`, "data-assertions");
  }
  const failing = assertions.filter((assertion) => assertion.failingRows > 0);
  return card(
    "Assertions",
    "Do the data's checks pass? An assertion passes when its query returns no rows.",
    html`<p class="${failing.length ? "status fail" : "status ok"}">${
      failing.length ? `${failing.length} of ${assertions.length} assertions fail.` : `All ${assertions.length} assertions pass.`
    }</p>
${failing.length ? html`<ul class="failing">${failing.map((assertion) => html`<li><code>${assertion.name}</code>: ${formatCount(assertion.failingRows)} failing rows</li>`)}</ul>` : ""}
<details><summary>Every assertion</summary><ul class="assertions">${assertions.map(
      (assertion) => html`<li class="${assertion.failingRows ? "fail" : "ok"}"><span aria-hidden="true">${assertion.failingRows ? "✘" : "✔"}</span> <code>${assertion.name}</code>${assertion.failingRows ? ` (${formatCount(assertion.failingRows)} rows)` : ""}</li>`,
    )}</ul></details>`,
    "data-assertions",
  );
}

function freshnessCard(quality: DataQualitySection, generatedAt: string): SafeHtml {
  return card(
    "Freshness",
    "How recent is the data behind this report?",
    facts([
      ["Newest event", formatInstant(quality.newestEventAt)],
      ["Newest load", formatInstant(quality.newestLoadAt)],
      ["Marts reflect loads up to", formatInstant(quality.martsLoadedThrough)],
      ["Report built", formatInstant(generatedAt)],
    ], "stacked"),
    "data-freshness",
  );
}
