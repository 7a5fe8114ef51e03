/**
 * The data the dashboard embeds: everything is read from the warehouse up front, as plain numbers
 * and strings, so the charts and tables are pure functions of it (and tests can check it).
 */

export type EventType = "view" | "cart" | "remove_from_cart" | "purchase";

export interface DateRange {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  to: string;
  days: number;
}

export type KpiUnit = "count" | "money" | "rate";

export interface KpiComparison {
  key: string;
  label: string;
  unit: KpiUnit;
  /** Whether a rise is good news (cart abandonment is the exception). */
  higherIsBetter: boolean;
  current: number | null;
  previous: number | null;
  /** Relative change for counts and money, difference in percentage points × 0.01 for rates. */
  change: number | null;
}

export interface KpiSection {
  current: DateRange;
  previous: DateRange | null;
  /** Newest days left out of the comparison because they hold too little data to be complete. */
  incompleteDays: string[];
  kpis: KpiComparison[];
  daily: DailyKpi[];
}

export interface DailyKpi {
  date: string;
  activeUsers: number;
  sessions: number;
  events: number;
  purchases: number;
  revenue: number;
  convertedSessions: number;
  sessionsWithCart: number;
  abandonedCartSessions: number;
}

export interface HourlyEventCount {
  /** Start of the hour, ISO 8601 in UTC. */
  hour: string;
  eventType: EventType;
  events: number;
}

export interface EventTypeShare {
  eventType: EventType;
  events: number;
  share: number;
}

export interface FunnelStep {
  step: "view" | "cart" | "purchase";
  label: string;
  /** Session × product pairs that reached this step and every step before it. */
  pairs: number;
  /** Pairs at the previous step that did not reach this one (0 for the first step). */
  dropped: number;
  /** pairs / pairs at the previous step (1 for the first step; null when the previous step is empty). */
  stepRate: number | null;
  /** pairs / pairs at the first step. */
  overallRate: number | null;
}

export interface Funnel {
  /** "all", "category:<name>" or "brand:<name>". */
  key: string;
  label: string;
  group: "all" | "category" | "brand";
  steps: FunnelStep[];
}

export interface FunnelSection {
  funnels: Funnel[];
  /** Over session × product pairs bought after a view: median and 90th percentile of seconds. */
  medianSecondsToPurchase: number | null;
  p90SecondsToPurchase: number | null;
}

export interface DimensionConversion {
  name: string;
  viewPairs: number;
  viewToCartRate: number | null;
  cartToPurchaseRate: number | null;
  viewToPurchaseRate: number | null;
  revenue: number;
}

export interface ProductConversionRow {
  productId: string;
  category: string;
  brand: string;
  viewSessions: number;
  purchaseSessions: number;
  viewToPurchaseRate: number;
  revenue: number;
}

export interface ConversionSection {
  overallViewToPurchaseRate: number | null;
  categories: DimensionConversion[];
  brands: DimensionConversion[];
  /** How many brands there are in all (the table shows the most viewed). */
  brandCount: number;
  /** Products need at least this many viewing sessions to be ranked. */
  productMinimumViews: number;
  rankedProductCount: number;
  topProducts: ProductConversionRow[];
  bottomProducts: ProductConversionRow[];
}

export interface HeatmapCell {
  weekday: number;
  weekdayName: string;
  hour: number;
  events: number;
  sessions: number;
  conversionRate: number | null;
}

export interface HourOfDayShare {
  hour: number;
  events: number;
  share: number;
  isPeak: boolean;
}

export interface DailyPeak {
  date: string;
  weekdayName: string;
  peakHour: number;
  peakHourEvents: number;
  peakShare: number;
}

export interface TrafficSection {
  reportingTimezone: string;
  heatmap: HeatmapCell[];
  hours: HourOfDayShare[];
  dailyPeaks: DailyPeak[];
}

export interface DistributionBin {
  /** Sort order. */
  order: number;
  label: string;
  sessions: number;
  share: number;
}

export interface QualityShare {
  key: string;
  label: string;
  share: number;
}

export interface SessionSection {
  sessions: number;
  bounceRate: number | null;
  medianDurationSeconds: number | null;
  medianEvents: number | null;
  durationBins: DistributionBin[];
  depthBins: DistributionBin[];
  quality: QualityShare[];
}

export interface JourneyPathRow {
  path: string[];
  exitEventType: string;
  sessions: number;
  share: number;
  convertedSessions: number;
  conversionRate: number;
  averageEvents: number;
}

export interface JourneySection {
  pathCount: number;
  paths: JourneyPathRow[];
}

export interface ReasonCount {
  stage: "load" | "staging";
  reason: string;
  rows: number;
}

export interface AssertionResult {
  name: string;
  failingRows: number;
}

export interface DataQualitySection {
  files: number;
  lines: number;
  loadedRows: number;
  quarantinedRows: number;
  /** Rows in raw.events now (a replaced file's old rows are gone). */
  rawRows: number;
  stagedEvents: number;
  duplicateCopies: number;
  rejectedInStaging: number;
  rejections: ReasonCount[];
  /** Sessions, and the staged events they hold (every event is in exactly one). */
  sessions: number;
  eventsInSessions: number;
  /** Sessions the session rule cut at midnight (activity without a pause for days), and their events. */
  dayCutSessions: number;
  dayCutEvents: number;
  /** Null when the run skipped assertions (the assertions schema is missing). */
  assertions: AssertionResult[] | null;
  newestEventAt: string | null;
  newestLoadAt: string | null;
  martsLoadedThrough: string | null;
}

export interface ReportData {
  generatedAt: string;
  warehouse: string;
  dataRange: DateRange;
  kpis: KpiSection;
  hourlyEvents: HourlyEventCount[];
  eventTypeShares: EventTypeShare[];
  funnel: FunnelSection;
  conversion: ConversionSection;
  traffic: TrafficSection;
  sessions: SessionSection;
  journeys: JourneySection;
  dataQuality: DataQualitySection;
}
