"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Dataform unit tests of the incremental models, with hand-computed expected rows. Dataform refuses
// tests of incremental tables, so these exist only when compiling with the var unit_tests=true
// (`clickstream test` and the CI's `dataform test` do), which turns those models into views with
// the same SQL. Authored in TypeScript; Dataform runs the .js emitted beside this file.
const constants_1 = require("../../includes/constants");
const recompute_1 = require("../../includes/recompute");
/** `SELECT a AS x, b AS y UNION ALL SELECT c, d`: rows of SQL literals, the first naming the columns. */
function rows(columns, values) {
    return values
        .map((row, index) => `SELECT ${row.map((value, column) => (index === 0 ? `${value} AS ${columns[column]}` : value)).join(", ")}`)
        .join("\nUNION ALL\n");
}
const ts = (text) => `TIMESTAMP '${text} UTC'`;
const date = (text) => `DATE '${text}'`;
const text = (value) => `'${value}'`;
const numeric = (value) => `NUMERIC '${value}'`;
const NULL_STRING = "CAST(NULL AS STRING)";
const NULL_INT = "CAST(NULL AS INT64)";
const NULL_FLOAT = "CAST(NULL AS FLOAT64)";
const RAW_COLUMNS = ["event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price", "user_id", "user_session", "_source_file", "_source_line", "_load_id", "_loaded_at"];
const PHONE = ["1001", "2053013555631882655", text("electronics.smartphone"), text("apple"), numeric("100.00")];
function defineUnitTests() {
    // Staging: a double-logged event collapses into one with duplicate_count 1 and keeps its first
    // copy's lineage; empty category, brand and session become NULL; rule breakers are left out.
    test("stg_events_collapses_duplicates_and_derives_fields")
        .dataset({ schema: constants_1.STAGING_SCHEMA, name: "stg_events" })
        .input("events", rows(RAW_COLUMNS, [
        [ts("2019-10-01 23:50:00"), text("view"), ...PHONE, "1", text("s1"), text("day1.csv"), "2", text("load1"), ts("2024-01-01 00:00:00")],
        [ts("2019-10-01 23:50:00"), text("view"), ...PHONE, "1", text("s1"), text("day2.csv"), "7", text("load2"), ts("2024-01-02 00:00:00")],
        [ts("2019-10-02 00:10:00"), text("cart"), "1002", "2053013555631882999", text(""), text(""), numeric("5.00"), "2", text(""), text("day1.csv"), "3", text("load1"), ts("2024-01-01 00:00:00")],
        [ts("2019-10-02 01:00:00"), text("click"), ...PHONE, "3", text("s3"), text("day1.csv"), "4", text("load1"), ts("2024-01-01 00:00:00")],
        [ts("2019-10-02 02:00:00"), text("view"), ...PHONE, NULL_INT, text("s4"), text("day1.csv"), "5", text("load1"), ts("2024-01-01 00:00:00")],
    ]))
        .expect(rows(["event_id", "event_time", "event_date", "event_hour", "local_date", "local_hour", "local_weekday", "event_type", "funnel_rank", "product_id", "category_id", "category_code", "category_main", "category_sub", "category_leaf", "brand", "price", "user_id", "user_session", "duplicate_count", "_source_file", "_source_line", "first_loaded_at", "loaded_through"], [
        [
            "TO_HEX(MD5('2019-10-01 23:50:00|view|1001|2053013555631882655|electronics.smartphone|apple|10000|1|s1'))",
            ts("2019-10-01 23:50:00"), date("2019-10-01"), ts("2019-10-01 23:00:00"), date("2019-10-01"), "23", "3", text("view"), "1",
            "1001", "2053013555631882655", text("electronics.smartphone"), text("electronics"), text("smartphone"), text("smartphone"), text("apple"),
            numeric("100.00"), "1", text("s1"), "1", text("day1.csv"), "2", ts("2024-01-01 00:00:00"), ts("2024-01-02 00:00:00"),
        ],
        [
            "TO_HEX(MD5('2019-10-02 00:10:00|cart|1002|2053013555631882999|||500|2|'))",
            ts("2019-10-02 00:10:00"), date("2019-10-02"), ts("2019-10-02 00:00:00"), date("2019-10-02"), "0", "4", text("cart"), "2",
            "1002", "2053013555631882999", NULL_STRING, NULL_STRING, NULL_STRING, NULL_STRING, NULL_STRING,
            numeric("5.00"), "2", NULL_STRING, "0", text("day1.csv"), "3", ts("2024-01-01 00:00:00"), ts("2024-01-01 00:00:00"),
        ],
    ]));
    test("stg_events_rejected_lists_every_broken_rule")
        .dataset({ schema: constants_1.STAGING_SCHEMA, name: "stg_events_rejected" })
        .input("events", rows(RAW_COLUMNS, [
        [ts("2019-10-02 01:00:00"), text("click"), ...PHONE, "3", text("s3"), text("day1.csv"), "4", text("load1"), ts("2024-01-01 10:00:00")],
        [ts("2019-10-02 02:00:00"), text("view"), NULL_INT, "2053013555631882655", text(""), text(""), numeric("-1.00"), "4", text("s4"), text("day1.csv"), "5", text("load1"), ts("2024-01-01 10:00:00")],
        [ts("2019-10-02 03:00:00"), text("view"), ...PHONE, "5", text("s5"), text("day1.csv"), "6", text("load1"), ts("2024-01-01 10:00:00")],
    ]))
        .expect(rows(["event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price", "user_id", "user_session", "rejection_reason", "_source_file", "_source_line", "_load_id", "loaded_date", "loaded_through"], [
        [ts("2019-10-02 01:00:00"), text("click"), ...PHONE, "3", text("s3"), text('unknown event_type "click"'), text("day1.csv"), "4", text("load1"), date("2024-01-01"), ts("2024-01-01 10:00:00")],
        [ts("2019-10-02 02:00:00"), text("view"), NULL_INT, "2053013555631882655", text(""), text(""), numeric("-1.00"), "4", text("s4"), text("missing product_id; negative price"), text("day1.csv"), "5", text("load1"), date("2024-01-01"), ts("2024-01-01 10:00:00")],
    ]));
    // Sessionization: a session runs across midnight; a 55-minute pause starts a new one; an event
    // loaded after a later event of its session arrived late; an event without a session id is grouped by user.
    const stagedColumns = ["event_id", "event_time", "event_date", "local_date", "local_hour", "local_weekday", "event_type", "funnel_rank", "product_id", "category_main", "category_sub", "brand", "price", "user_id", "user_session", "first_loaded_at", "loaded_through"];
    const staged = (id, time, type, rank, product, user, session, firstLoaded) => [
        text(id), ts(time), date(time.slice(0, 10)), date(time.slice(0, 10)), String(Number(time.slice(11, 13))), time.startsWith("2019-10-01") ? "3" : "4",
        text(type), rank, product, text("electronics"), text("smartphone"), text("apple"), numeric("100.00"), user, session, ts(firstLoaded), ts("2024-01-03 00:00:00"),
    ];
    const sessionizedColumns = ["session_id", "session_date", "session_start", "source_session", "has_source_session", "event_sequence", "seconds_since_previous", "journey_step", "arrived_late", "starts_at_day_cut", "precedes_day_cut", ...stagedColumns.filter((c) => !["user_session", "first_loaded_at"].includes(c))];
    const sessionA = "TO_HEX(MD5('s1|2019-10-01 23:50:00'))";
    const sessionB = "TO_HEX(MD5('s1|2019-10-02 01:00:00'))";
    const sessionC = "TO_HEX(MD5('user-2|2019-10-02 12:00:00'))";
    test("int_session_events_splits_on_pauses_and_keeps_midnight_sessions_whole")
        .dataset({ schema: constants_1.STAGING_SCHEMA, name: "int_session_events" })
        .input("stg_events", rows(stagedColumns, [
        staged("e1", "2019-10-01 23:50:00", "view", "1", "1001", "1", text("s1"), "2024-01-01 00:00:00"),
        staged("e2", "2019-10-01 23:55:00", "view", "1", "1002", "1", text("s1"), "2024-01-03 00:00:00"),
        staged("e3", "2019-10-02 00:05:00", "cart", "2", "1001", "1", text("s1"), "2024-01-02 00:00:00"),
        staged("e4", "2019-10-02 01:00:00", "view", "1", "1003", "1", text("s1"), "2024-01-02 00:00:00"),
        staged("e5", "2019-10-02 12:00:00", "view", "1", "1001", "2", NULL_STRING, "2024-01-02 00:00:00"),
    ]))
        .expect(rows(sessionizedColumns, [
        [sessionA, date("2019-10-01"), ts("2019-10-01 23:50:00"), text("s1"), "TRUE", "1", NULL_INT, "1", "FALSE", "FALSE", "FALSE", ...staged("e1", "2019-10-01 23:50:00", "view", "1", "1001", "1", "", "2024-01-01 00:00:00").filter((_, i) => i !== 14 && i !== 15)],
        [sessionA, date("2019-10-01"), ts("2019-10-01 23:50:00"), text("s1"), "TRUE", "2", "300", "1", "TRUE", "FALSE", "FALSE", ...staged("e2", "2019-10-01 23:55:00", "view", "1", "1002", "1", "", "2024-01-03 00:00:00").filter((_, i) => i !== 14 && i !== 15)],
        [sessionA, date("2019-10-01"), ts("2019-10-01 23:50:00"), text("s1"), "TRUE", "3", "600", "2", "FALSE", "FALSE", "FALSE", ...staged("e3", "2019-10-02 00:05:00", "cart", "2", "1001", "1", "", "2024-01-02 00:00:00").filter((_, i) => i !== 14 && i !== 15)],
        [sessionB, date("2019-10-02"), ts("2019-10-02 01:00:00"), text("s1"), "TRUE", "1", "3300", "1", "FALSE", "FALSE", "FALSE", ...staged("e4", "2019-10-02 01:00:00", "view", "1", "1003", "1", "", "2024-01-02 00:00:00").filter((_, i) => i !== 14 && i !== 15)],
        [sessionC, date("2019-10-02"), ts("2019-10-02 12:00:00"), text("user-2"), "FALSE", "1", NULL_INT, "1", "FALSE", "FALSE", "FALSE", ...staged("e5", "2019-10-02 12:00:00", "view", "1", "1001", "2", "", "2024-01-02 00:00:00").filter((_, i) => i !== 14 && i !== 15)],
    ]));
    // The session rule on activity that never pauses: a view every 30 minutes (the timeout) from
    // 22:00 on Oct 1 to 00:30 on Oct 4. The run is one session for its first two dates (Oct 1 and 2),
    // then one per date: cut at midnight on Oct 3 and Oct 4. A real pause after it starts a new session.
    const kioskTimes = [];
    for (let minutes = 22 * 60; minutes <= 3 * 24 * 60 + 30; minutes += 30) {
        const day = 1 + Math.floor(minutes / (24 * 60));
        const minuteOfDay = minutes % (24 * 60);
        kioskTimes.push(`2019-10-0${day} ${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}:00`);
    }
    const afterPause = "2019-10-04 02:00:00";
    const kioskStaged = [...kioskTimes, afterPause].map((time, index) => staged(`k${index}`, time, "view", "1", "1001", "7", text("kiosk"), "2024-01-01 00:00:00"));
    // Hand-computed: which session each event falls in, its first event, and its position in it.
    const kioskSession = (time) => {
        if (time === afterPause)
            return { start: afterPause, sequence: 1, cut: false };
        if (time < "2019-10-03")
            return { start: "2019-10-01 22:00:00", sequence: kioskTimes.indexOf(time) + 1, cut: false };
        const start = `${time.slice(0, 10)} 00:00:00`;
        return { start, sequence: kioskTimes.indexOf(time) - kioskTimes.indexOf(start) + 1, cut: true };
    };
    test("int_session_events_cuts_activity_that_never_pauses_at_midnight")
        .dataset({ schema: constants_1.STAGING_SCHEMA, name: "int_session_events" })
        .input("stg_events", rows(stagedColumns, kioskStaged))
        .expect(rows(sessionizedColumns, [...kioskTimes, afterPause].map((time, index) => {
        const { start, sequence, cut } = kioskSession(time);
        const gap = index === 0 ? NULL_INT : time === afterPause ? "5400" : "1800";
        const lastBeforeCut = time === "2019-10-02 23:30:00" || time === "2019-10-03 23:30:00";
        return [
            `TO_HEX(MD5('kiosk|${start}'))`, date(start.slice(0, 10)), ts(start), text("kiosk"), "TRUE", String(sequence), gap, "1", "FALSE", cut ? "TRUE" : "FALSE", lastBeforeCut ? "TRUE" : "FALSE",
            ...kioskStaged[index].filter((_, i) => i !== 14 && i !== 15),
        ];
    })));
    // Session and funnel marts from one session: view p1, view p2, cart p1 across midnight, purchase
    // p1, then p1 removed from the cart (every event type, so every funnel rank, is named).
    const sessionEventColumns = ["session_id", "session_date", "event_time", "event_type", "funnel_rank", "event_sequence", "product_id", "category_main", "brand", "price", "user_id", "seconds_since_previous", "journey_step", "arrived_late", "starts_at_day_cut", "precedes_day_cut", "has_source_session", "local_date", "local_hour", "local_weekday", "loaded_through"];
    const funnelRanks = { view: "1", cart: "2", remove_from_cart: "3", purchase: "4" };
    const sessionEvent = (sequence, time, type, product, gap, journeyStep, late = "FALSE") => [
        text("S"), date("2019-10-01"), ts(time), text(type), funnelRanks[type], sequence, product, text("electronics"), text("apple"), numeric("100.00"), "1", gap, journeyStep, late, "FALSE", "FALSE", "TRUE",
        date(time.slice(0, 10)), String(Number(time.slice(11, 13))), time.startsWith("2019-10-01") ? "3" : "4", ts("2024-01-01 00:00:00"),
    ];
    const oneSession = rows(sessionEventColumns, [
        sessionEvent("1", "2019-10-01 23:50:00", "view", "1001", NULL_INT, "1"),
        sessionEvent("2", "2019-10-01 23:55:00", "view", "1002", "300", "1", "TRUE"),
        sessionEvent("3", "2019-10-02 00:05:00", "cart", "1001", "600", "2"),
        sessionEvent("4", "2019-10-02 00:06:00", "purchase", "1001", "60", "3"),
        sessionEvent("5", "2019-10-02 00:07:00", "remove_from_cart", "1001", "60", "4"),
    ]);
    test("sessions_summarise_a_session")
        .dataset("sessions")
        .input("int_session_events", oneSession)
        .expect(rows(["session_id", "session_date", "session_start", "session_end", "duration_seconds", "user_id", "events", "views", "carts", "removals", "purchases", "revenue", "distinct_products", "entry_category", "exit_category", "landing_event_type", "landing_product_id", "exit_event_type", "is_bounce", "is_converted", "deepest_stage", "journey_path", "crosses_midnight", "holds_late_events", "shared_by_users", "started_after_pause", "starts_at_day_cut", "ends_at_day_cut", "has_source_session", "local_start_date", "local_start_hour", "local_start_weekday", "loaded_through"], [[
            text("S"), date("2019-10-01"), ts("2019-10-01 23:50:00"), ts("2019-10-02 00:07:00"), "1020", "1", "5", "2", "1", "1", "1", numeric("100.00"), "2",
            text("electronics"), text("electronics"), text("view"), "1001", text("remove_from_cart"), "FALSE", "TRUE", text("purchase"), text("view>cart>purchase>remove_from_cart"),
            "TRUE", "TRUE", "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", date("2019-10-01"), "23", "3", ts("2024-01-01 00:00:00"),
        ]]));
    test("fct_funnel_events_tracks_each_product_of_a_session")
        .dataset("fct_funnel_events")
        .input("int_session_events", oneSession)
        .expect(rows(["session_id", "session_date", "product_id", "category_main", "brand", "user_id", "has_view", "has_cart", "has_remove", "has_purchase", "stage_reached", "cart_after_view", "in_order", "net_carted", "first_view_at", "first_cart_at", "first_purchase_at", "purchase_revenue", "seconds_view_to_purchase", "loaded_through"], [
        [text("S"), date("2019-10-01"), "1001", text("electronics"), text("apple"), "1", "TRUE", "TRUE", "TRUE", "TRUE", text("purchase"), "TRUE", "TRUE", "FALSE", ts("2019-10-01 23:50:00"), ts("2019-10-02 00:05:00"), ts("2019-10-02 00:06:00"), numeric("100.00"), "960", ts("2024-01-01 00:00:00")],
        [text("S"), date("2019-10-01"), "1002", text("electronics"), text("apple"), "1", "TRUE", "FALSE", "FALSE", "FALSE", text("view"), "FALSE", "FALSE", "FALSE", ts("2019-10-01 23:55:00"), "CAST(NULL AS TIMESTAMP)", "CAST(NULL AS TIMESTAMP)", numeric("0.00"), NULL_INT, ts("2024-01-01 00:00:00")],
    ]));
    // Funnel marts from three session × product pairs of one day: viewed; viewed and carted (still
    // in the cart); viewed, carted in order and bought after 10 and 30 seconds' thought.
    const pairColumns = ["session_date", "category_main", "brand", "has_view", "has_cart", "has_purchase", "cart_after_view", "in_order", "net_carted", "purchase_revenue", "seconds_view_to_purchase", "loaded_through"];
    const pairs = rows(pairColumns, [
        [date("2019-10-01"), text("electronics"), text("apple"), "TRUE", "FALSE", "FALSE", "FALSE", "FALSE", "FALSE", numeric("0.00"), NULL_INT, ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), text("electronics"), text("apple"), "TRUE", "TRUE", "FALSE", "TRUE", "FALSE", "TRUE", numeric("0.00"), NULL_INT, ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), text("electronics"), text("apple"), "TRUE", "TRUE", "TRUE", "TRUE", "TRUE", "FALSE", numeric("100.00"), "10", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), text("electronics"), text("apple"), "FALSE", "FALSE", "TRUE", "FALSE", "FALSE", "FALSE", numeric("50.00"), NULL_INT, ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), text("electronics"), text("apple"), "TRUE", "FALSE", "TRUE", "FALSE", "FALSE", "FALSE", numeric("20.00"), "30", ts("2024-01-01 00:00:00")],
    ]);
    test("funnel_daily_counts_consistent_populations")
        .dataset("funnel_daily")
        .input("fct_funnel_events", pairs)
        .expect(rows(["event_date", "category_main", "brand", "view_sessions", "view_to_cart_sessions", "cart_sessions", "cart_to_purchase_sessions", "view_to_purchase_sessions", "purchase_sessions", "net_cart_sessions", "view_to_cart_rate", "cart_to_purchase_rate", "view_to_purchase_rate", "revenue", "loaded_through"], [[date("2019-10-01"), text("electronics"), text("apple"), "4", "2", "2", "1", "2", "3", "1", "SAFE_DIVIDE(2, 4)", "SAFE_DIVIDE(1, 2)", "SAFE_DIVIDE(2, 4)", numeric("170.00"), ts("2024-01-01 00:00:00")]]));
    test("funnel_steps_daily_counts_drop_off_strict_order_and_net_carts")
        .dataset("funnel_steps_daily")
        .input("fct_funnel_events", pairs)
        .expect(rows(["event_date", "step_number", "step", "pairs", "pairs_in_order", "pairs_net_of_removals", "drop_off", "step_rate", "loaded_through"], [
        [date("2019-10-01"), "1", text("view"), "4", "4", "4", "0", "1.0", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "2", text("cart"), "2", "2", "1", "2", "0.5", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "3", text("purchase"), "1", "1", "0", "1", "0.5", ts("2024-01-01 00:00:00")],
    ]));
    test("time_to_purchase_daily_takes_exact_percentiles")
        .dataset("time_to_purchase_daily")
        .input("fct_funnel_events", rows(["session_date", "seconds_view_to_purchase", "loaded_through"], [
        [date("2019-10-01"), "10", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "40", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "20", ts("2024-01-02 00:00:00")],
        [date("2019-10-01"), "30", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), NULL_INT, ts("2024-01-03 00:00:00")],
    ]))
        // Median of 10, 20, 30, 40 is 25; the 90th percentile interpolates 30 + 0.7 × 10 = 37.
        .expect(rows(["event_date", "purchases_after_view", "median_seconds", "p90_seconds", "mean_seconds", "loaded_through"], [[date("2019-10-01"), "4", "25.0", "37.0", "25.0", ts("2024-01-02 00:00:00")]]));
    // Hourly, traffic and interest marts from five staged events over two weeks.
    const eventColumns = ["event_date", "event_hour", "local_date", "local_hour", "local_weekday", "event_type", "category_main", "brand", "user_id", "price", "loaded_through"];
    const event = (day, hour, type, user, brand = "apple") => [
        // Both days are Tuesdays (weekday 3).
        date(day), ts(`${day} ${hour}:00:00`), date(day), String(Number(hour)), "3", text(type), text("electronics"), text(brand), user, numeric("10.00"), ts("2024-01-01 00:00:00"),
    ];
    const events = rows(eventColumns, [
        event("2019-09-24", "09", "view", "1"),
        event("2019-09-24", "09", "view", "2"),
        event("2019-10-01", "09", "view", "1"),
        event("2019-10-01", "09", "view", "1"),
        event("2019-10-01", "09", "view", "2"),
        event("2019-10-01", "10", "purchase", "1"),
    ]);
    test("event_type_by_hour_counts_events_per_hour_and_type")
        .dataset("event_type_by_hour")
        .input("stg_events", events)
        .expect(rows(["event_date", "event_hour", "event_type", "event_count", "loaded_through"], [
        [date("2019-09-24"), ts("2019-09-24 09:00:00"), text("view"), "2", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), ts("2019-10-01 09:00:00"), text("view"), "3", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), ts("2019-10-01 10:00:00"), text("purchase"), "1", ts("2024-01-01 00:00:00")],
    ]));
    test("traffic_hourly_counts_local_hours")
        .dataset("traffic_hourly")
        .input("stg_events", events)
        .expect(rows(["local_date", "local_hour", "local_weekday", "events", "views", "carts", "purchases", "revenue", "active_users", "loaded_through"], [
        [date("2019-09-24"), "9", "3", "2", "2", "0", "0", numeric("0.00"), "2", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "9", "3", "3", "3", "0", "0", numeric("0.00"), "2", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "10", "3", "1", "0", "0", "1", numeric("10.00"), "1", ts("2024-01-01 00:00:00")],
    ]));
    test("category_brand_interest_daily_compares_with_the_week_before")
        .dataset("category_brand_interest_daily")
        .input("stg_events", events)
        .expect(rows(["event_date", "category_main", "brand", "views", "unique_users", "carts", "purchases", "revenue", "share_of_views", "views_week_before", "views_week_over_week", "loaded_through"], [
        [date("2019-09-24"), text("electronics"), text("apple"), "2", "2", "0", "0", numeric("0.00"), "1.0", NULL_INT, NULL_FLOAT, ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), text("electronics"), text("apple"), "3", "2", "0", "1", numeric("10.00"), "1.0", "2", "0.5", ts("2024-01-01 00:00:00")],
    ]));
    // Daily KPIs: event figures by event date, session figures by session start date.
    test("daily_kpis_count_events_by_event_date_and_sessions_by_start_date")
        .dataset("daily_kpis")
        .input("stg_events", events)
        .input("sessions", rows(["session_date", "is_converted", "carts", "purchases", "loaded_through"], [
        [date("2019-10-01"), "TRUE", "1", "1", ts("2024-01-02 00:00:00")],
        [date("2019-10-01"), "FALSE", "1", "0", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "FALSE", "0", "0", ts("2024-01-01 00:00:00")],
    ]))
        .expect(rows(["kpi_date", "active_users", "sessions", "events", "purchases", "revenue", "average_order_value", "converted_sessions", "conversion_rate", "sessions_with_cart", "cart_abandonment_rate", "loaded_through"], [
        [date("2019-09-24"), "2", "0", "2", "0", numeric("0.00"), NULL_FLOAT, "0", NULL_FLOAT, "0", NULL_FLOAT, ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "2", "3", "4", "1", numeric("10.00"), "10.0", "1", "SAFE_DIVIDE(1, 3)", "2", "0.5", ts("2024-01-02 00:00:00")],
    ]));
    // Two of four sessions touch a midnight cut: one ends at it (52 events), the next begins at it (48).
    test("session_quality_shares_per_day")
        .dataset("session_quality")
        .input("sessions", rows(["session_date", "events", "started_after_pause", "crosses_midnight", "holds_late_events", "shared_by_users", "starts_at_day_cut", "ends_at_day_cut", "has_source_session", "loaded_through"], [
        [date("2019-10-01"), "52", "TRUE", "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", "TRUE", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "48", "FALSE", "TRUE", "TRUE", "FALSE", "TRUE", "FALSE", "TRUE", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "1", "FALSE", "FALSE", "FALSE", "TRUE", "FALSE", "FALSE", "FALSE", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "3", "FALSE", "FALSE", "FALSE", "FALSE", "FALSE", "FALSE", "TRUE", ts("2024-01-01 00:00:00")],
    ]))
        .expect(rows(["session_date", "sessions", "split_by_timeout_share", "crossing_midnight_share", "late_events_share", "shared_by_users_share", "missing_session_id_share", "day_cut_sessions", "day_cut_events", "day_cut_share", "loaded_through"], [
        [date("2019-10-01"), "4", "0.25", "0.25", "0.25", "0.25", "0.25", "2", "100", "0.5", ts("2024-01-01 00:00:00")],
    ]));
    // Journeys per session date: two sessions share a path and exit on one day; the same path on the
    // next day is its own row.
    test("journey_paths_daily_counts_per_session_date")
        .dataset("journey_paths_daily")
        .input("sessions", rows(["session_date", "journey_path", "exit_event_type", "is_converted", "events", "loaded_through"], [
        [date("2019-10-01"), text("view>cart>purchase"), text("purchase"), "TRUE", "3", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), text("view>cart>purchase"), text("purchase"), "TRUE", "5", ts("2024-01-02 00:00:00")],
        [date("2019-10-01"), text("view"), text("view"), "FALSE", "1", ts("2024-01-01 00:00:00")],
        [date("2019-10-02"), text("view"), text("view"), "FALSE", "2", ts("2024-01-02 00:00:00")],
    ]))
        .expect(rows(["session_date", "journey_path", "exit_event_type", "sessions", "converted_sessions", "events", "loaded_through"], [
        [date("2019-10-01"), text("view"), text("view"), "1", "0", "1", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), text("view>cart>purchase"), text("purchase"), "2", "2", "8", ts("2024-01-02 00:00:00")],
        [date("2019-10-02"), text("view"), text("view"), "1", "0", "2", ts("2024-01-02 00:00:00")],
    ]));
    // Session starts per session date and local weekday and hour, with their conversions.
    test("int_session_starts_hourly_counts_starts")
        .dataset({ schema: constants_1.STAGING_SCHEMA, name: "int_session_starts_hourly" })
        .input("sessions", rows(["session_date", "local_start_weekday", "local_start_hour", "is_converted", "loaded_through"], [
        [date("2019-10-01"), "3", "23", "TRUE", ts("2024-01-01 00:00:00")],
        [date("2019-10-01"), "3", "23", "FALSE", ts("2024-01-02 00:00:00")],
        [date("2019-10-02"), "3", "23", "FALSE", ts("2024-01-02 00:00:00")],
        [date("2019-10-02"), "4", "8", "FALSE", ts("2024-01-02 00:00:00")],
    ]))
        .expect(rows(["session_date", "local_start_weekday", "local_start_hour", "sessions", "converted_sessions", "loaded_through"], [
        [date("2019-10-01"), "3", "23", "2", "1", ts("2024-01-02 00:00:00")],
        [date("2019-10-02"), "3", "23", "1", "0", ts("2024-01-02 00:00:00")],
        [date("2019-10-02"), "4", "8", "1", "0", ts("2024-01-02 00:00:00")],
    ]));
    // Product 1 moved from appliances to electronics and its last events have no category: the latest
    // known one counts. Product 3's two latest events share a time: the greater category wins. A
    // removal from the cart is not counted.
    const productEventColumns = ["product_id", "event_time", "category_main", "brand", "event_type", "price", "first_loaded_at"];
    test("int_product_event_counts_keeps_latest_labels")
        .dataset({ schema: constants_1.STAGING_SCHEMA, name: "int_product_event_counts" })
        .input("stg_events", rows(productEventColumns, [
        ["1", ts("2019-10-01 10:00:00"), text("appliances"), text("acme"), text("view"), numeric("10.00"), ts("2024-01-01 00:00:00")],
        ["1", ts("2019-10-01 10:01:00"), text("electronics"), text("acme"), text("view"), numeric("10.00"), ts("2024-01-01 00:00:00")],
        ["1", ts("2019-10-01 10:02:00"), text("electronics"), text("acme"), text("view"), numeric("10.00"), ts("2024-01-01 00:00:00")],
        ["1", ts("2019-10-01 10:03:00"), text("electronics"), text("acme"), text("cart"), numeric("10.00"), ts("2024-01-02 00:00:00")],
        ["1", ts("2019-10-01 10:04:00"), NULL_STRING, text("acme"), text("purchase"), numeric("10.00"), ts("2024-01-02 00:00:00")],
        ["1", ts("2019-10-01 10:05:00"), NULL_STRING, NULL_STRING, text("remove_from_cart"), numeric("10.00"), ts("2024-01-02 00:00:00")],
        ["2", ts("2019-10-01 11:00:00"), text("kids"), NULL_STRING, text("view"), numeric("4.50"), ts("2024-01-01 00:00:00")],
        ["3", ts("2019-10-01 12:00:00"), text("apparel"), text("zeta"), text("view"), numeric("2.00"), ts("2024-01-01 00:00:00")],
        ["3", ts("2019-10-01 12:00:00"), text("sport"), text("alpha"), text("purchase"), numeric("2.00"), ts("2024-01-03 00:00:00")],
    ]))
        .expect(rows(["product_id", "views", "carts", "purchases", "revenue", "category_seen_at", "category_main", "brand_seen_at", "brand", "loaded_through"], [
        ["1", "3", "1", "1", numeric("10.00"), ts("2019-10-01 10:03:00"), text("electronics"), ts("2019-10-01 10:04:00"), text("acme"), ts("2024-01-02 00:00:00")],
        ["2", "1", "0", "0", numeric("0.00"), ts("2019-10-01 11:00:00"), text("kids"), "CAST(NULL AS TIMESTAMP)", NULL_STRING, ts("2024-01-01 00:00:00")],
        ["3", "1", "0", "1", numeric("2.00"), ts("2019-10-01 12:00:00"), text("sport"), ts("2019-10-01 12:00:00"), text("zeta"), ts("2024-01-03 00:00:00")],
    ]));
    // User 11 viewed product 1 twice: one pair, from its earlier load. User 12 only put it in the cart.
    test("int_product_viewers_one_row_per_viewer")
        .dataset({ schema: constants_1.STAGING_SCHEMA, name: "int_product_viewers" })
        .input("stg_events", rows(["product_id", "user_id", "event_type", "first_loaded_at"], [
        ["1", "11", text("view"), ts("2024-01-02 00:00:00")],
        ["1", "11", text("view"), ts("2024-01-01 00:00:00")],
        ["1", "12", text("cart"), ts("2024-01-01 00:00:00")],
        ["1", "13", text("view"), ts("2024-01-03 00:00:00")],
        ["2", "11", text("view"), ts("2024-01-01 00:00:00")],
    ]))
        .expect(rows(["product_id", "user_id", "first_loaded_at"], [
        ["1", "11", ts("2024-01-01 00:00:00")],
        ["1", "13", ts("2024-01-03 00:00:00")],
        ["2", "11", ts("2024-01-01 00:00:00")],
    ]));
}
if (recompute_1.UNIT_TESTS)
    defineUnitTests();
