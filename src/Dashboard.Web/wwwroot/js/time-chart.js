// The browser half of TimeChart: fetches a series from the /api/v1 endpoint named in the spec (with from/to)
// and draws it with uPlot. Exact figures come from the API's decimal strings, never from the float drawn.
const unitFormats = {
    usd: { axis: v => compact(v), exact: s => s + " USD" },
    leverage: { axis: v => v.toFixed(2) + "x", exact: s => s + "x" },
    // Utilization arrives in basis points; an empty reserve is uint256.max (the cap keeps the chart readable).
    percent: { axis: v => v.toFixed(0) + "%", exact: s => s.length > 12 ? "∞ (empty reserve)" : bpsToPercent(s), toY: s => Math.min(Number(s) / 100, 300) },
    count: { axis: v => compact(v), exact: s => s },
};

let uPlotLoaded;

/**
 * Draws the chart described by spec into host. The same chart asked again (new chain data) keeps its uPlot and
 * only takes the new data, so a hover or a drag in progress survives a live refresh; a new period redraws it.
 */
export async function draw(host, spec, page) {
    const seq = (host.drawSeq = (host.drawSeq || 0) + 1);
    await (uPlotLoaded ??= loadUPlot());
    const range = query(spec);
    const [series, markers, deferrals] = await Promise.all([fetchJson(spec.source + range),
        spec.markers ? fetchMarkers(spec.markers + range, spec.markerFields) : [], spec.deferrals ? fetchDeferrals(spec.deferrals + range) : []]);
    markers.push(...deferrals);
    if (seq !== host.drawSeq) return; // a newer draw has started
    const unit = unitFormats[spec.unit];
    const points = series.points;
    const times = points.map(p => Date.parse(p.time) / 1000);
    const exact = spec.series.map(s => points.map(p => p[s.field]?.value ?? null));
    const ys = exact.map(col => col.map(v => v === null ? null : unit.toY ? unit.toY(v) : Number(v)));
    markers.push(...eventMarkers(series.events ?? [], times, ys[0], exact[0]));
    const key = JSON.stringify(spec);
    if (host.chart && host.chartKey === key) {
        Object.assign(host.chartData, { exact, markers });
        host.chart.setData([times, ...ys]);
    } else {
        dispose(host);
        host.chartKey = key;
        host.chartData = { exact, markers };
        mount(host, spec, unit, [times, ...ys], page);
    }
    host.dataset.points = String(points.length);
    host.dataset.source = spec.source + range;
}

function mount(host, spec, unit, data, page) {
    const opts = options(host, spec, unit, host.chartData, page);
    host.chart = new uPlot(opts, data, host);
    host.closest("figure").dataset.live = "";
    // MudThemeProvider rewrites its palette <style> when the theme switches: redraw the axes in the new colours.
    host.themeWatch = new MutationObserver(() => host.chart?.redraw(false));
    const palette = [...document.querySelectorAll("style")].find(s => s.textContent.includes("--mud-palette-background"));
    host.themeWatch.observe(palette ?? document.head, { childList: true, subtree: true, characterData: true });
    host.resizeWatch = new ResizeObserver(() => host.chart?.setSize({ width: host.clientWidth, height: opts.height }));
    host.resizeWatch.observe(host);
}

export function dispose(host) {
    host.themeWatch?.disconnect();
    host.resizeWatch?.disconnect();
    host.chart?.destroy();
    host.chart = null;
}

function options(host, spec, unit, data, page) {
    const tooltip = document.createElement("div");
    tooltip.className = "chart-tooltip";
    tooltip.dataset.testid = "chart-tooltip";
    return {
        width: Math.max(host.clientWidth, 200),
        height: 240,
        tzDate: ts => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        cursor: {
            sync: { key: spec.sync },
            drag: { x: true, y: false, setScale: false },
            // Double-click zooms out (twice the span) instead of uPlot's reset to the loaded data.
            bind: { dblclick: () => () => zoomOut(host, spec, page) },
        },
        select: { show: true },
        legend: { live: true },
        scales: {
            // A single point (one bucket of the indexer's polls) has no span of its own: show the period asked for.
            x: { range: (u, min, max) => u.data[0].length > 1 ? [min, max] : xRange(u.data[0][0] ?? min, spec) },
            y: { range: (u, min, max) => yRange(min, max, spec, data.markers) },
        },
        axes: [
            axis({ values: (u, splits, ai, space, step) => splits.map(ts => timeTick(ts, step)) }),
            axis({ size: 60, values: (u, splits) => splits.map(unit.axis) }),
        ],
        series: [
            { label: "Time (UTC)", value: (u, ts) => ts == null ? "–" : utc(ts) },
            ...spec.series.map((s, i) => ({
                label: s.name, stroke: s.color, width: 1.6, dash: s.dashed ? [4, 3] : undefined, spanGaps: true,
                value: (u, v, si, idx) => idx == null || data.exact[i][idx] == null ? "–" : unit.exact(data.exact[i][idx]),
            })),
        ],
        hooks: {
            init: [u => u.over.appendChild(tooltip)],
            drawAxes: [u => shadeRegions(u, spec)],
            draw: [u => placeMarkers(u, data.markers)],
            setCursor: [u => showTooltip(u, tooltip, spec, unit, data.exact)],
            setSelect: [u => zoomIn(u, page)],
        },
    };
}

/** Axes and grid in the MudBlazor palette of the moment, so the dark theme reads as well as the light one. */
function axis(extra) {
    return {
        stroke: () => cssVar("--mud-palette-text-secondary", "#666"),
        grid: { stroke: () => cssVar("--mud-palette-lines-default", "#ddd"), width: 0.5 },
        ticks: { stroke: () => cssVar("--mud-palette-lines-default", "#ddd"), width: 0.5 },
        font: "12px system-ui, sans-serif",
        ...extra,
    };
}

/** Thresholds and bands cover the y range they name; suspensions the time they lasted. Drawn under the lines. */
function shadeRegions(u, spec) {
    const { ctx, bbox } = u;
    ctx.save();
    for (const r of spec.regions) {
        const top = r.high == null ? bbox.top : u.valToPos(r.high, "y", true);
        const bottom = r.low == null ? bbox.top + bbox.height : u.valToPos(r.low, "y", true);
        ctx.fillStyle = r.color;
        ctx.globalAlpha = 0.14;
        ctx.fillRect(bbox.left, Math.max(top, bbox.top), bbox.width, Math.min(bottom, bbox.top + bbox.height) - Math.max(top, bbox.top));
    }
    for (const s of spec.shades) {
        const left = Math.max(u.valToPos(Date.parse(s.start) / 1000, "x", true), bbox.left);
        const right = Math.min(u.valToPos(Date.parse(s.end) / 1000, "x", true), bbox.left + bbox.width);
        ctx.fillStyle = "#e53935";
        ctx.globalAlpha = 0.18;
        if (right > left) ctx.fillRect(left, bbox.top, Math.max(right - left, 1), bbox.height);
    }
    ctx.globalAlpha = 1;
    for (const l of spec.levels) {
        const y = u.valToPos(l.value, "y", true);
        ctx.strokeStyle = l.color;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(bbox.left, y);
        ctx.lineTo(bbox.left + bbox.width, y);
        ctx.stroke();
    }
    ctx.restore();
}

function xRange(t, spec) {
    const [from, to] = [spec.from ? Date.parse(spec.from) / 1000 : t - 3600, spec.to ? Date.parse(spec.to) / 1000 : t + 3600];
    return from < to ? [from, to] : [t - 3600, t + 3600];
}

/** The y range covers the data, every finite threshold and every marker, so a band breach is always in view. */
function yRange(min, max, spec, markers) {
    const bounds = [min, max, ...spec.levels.map(l => l.value), ...spec.regions.flatMap(r => [r.low, r.high]), ...markers.map(m => m.v)]
        .filter(v => v != null && isFinite(v));
    let lo = Math.min(...bounds), hi = Math.max(...bounds);
    const pad = (hi - lo) * 0.06 || Math.abs(lo) * 0.05 || 1;
    return [lo - pad, hi + pad];
}

/** Rebalance markers are links laid over the canvas: clickable, focusable, and titled with what happened. */
function placeMarkers(u, markers) {
    u.over.querySelectorAll("a.chart-marker").forEach(a => a.remove());
    const [x0, x1] = [u.scales.x.min, u.scales.x.max];
    for (const m of markers) {
        if (m.t < x0 || m.t > x1) continue;
        const a = document.createElement("a");
        a.className = "chart-marker " + m.kind;
        a.dataset.testid = "chart-marker";
        a.dataset.kind = m.kind;
        a.dataset.value = m.exact;
        a.href = m.href;
        a.title = m.title;
        a.style.left = u.valToPos(m.t, "x") + "px";
        a.style.top = u.valToPos(m.v, "y") + "px";
        u.over.appendChild(a);
    }
}

function showTooltip(u, tooltip, spec, unit, exact) {
    const idx = u.cursor.idx;
    if (idx == null || u.cursor.left < 0) { tooltip.style.display = "none"; return; }
    tooltip.replaceChildren(line("time", utc(u.data[0][idx])),
        ...spec.series.map((s, i) => line("value", `${s.name}: ${exact[i][idx] == null ? "–" : unit.exact(exact[i][idx])}`, s.color)));
    tooltip.style.display = "block";
    // Beside the cursor, flipped to its left in the right half so it never leaves a narrow chart.
    const left = u.cursor.left > u.over.clientWidth / 2 ? u.cursor.left - tooltip.offsetWidth - 12 : u.cursor.left + 12;
    tooltip.style.left = Math.max(0, left) + "px";
    tooltip.style.top = Math.max(0, u.cursor.top - tooltip.offsetHeight - 8) + "px";
}

function line(kind, text, color) {
    const div = document.createElement("div");
    div.dataset.testid = "tooltip-" + kind;
    div.textContent = text;
    if (color) div.style.borderLeft = `3px solid ${color}`;
    return div;
}

function zoomIn(u, page) {
    if (u.select.width < 5) return;
    const from = u.posToVal(u.select.left, "x"), to = u.posToVal(u.select.left + u.select.width, "x");
    u.setSelect({ left: 0, width: 0, top: 0, height: 0 }, false);
    page.invokeMethodAsync("ZoomTo", from, to);
}

function zoomOut(host, spec, page) {
    const chart = host.chart;
    const from = spec.from ? Date.parse(spec.from) / 1000 : chart?.data[0][0];
    const to = spec.to ? Date.parse(spec.to) / 1000 : chart?.data[0].at(-1);
    if (from == null || to == null) return;
    const half = Math.max(to - from, 3600);
    page.invokeMethodAsync("ZoomTo", from - half / 2, to + half / 2);
}

function query(spec) {
    const q = new URLSearchParams();
    if (spec.from) q.set("from", spec.from);
    if (spec.to) q.set("to", spec.to);
    const s = q.toString();
    return s ? "?" + s : "";
}

async function fetchJson(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
}

/** Every item of a cursor-paged API list for the period, page by page (newest first). */
async function fetchAll(url) {
    const items = [];
    let cursor = null;
    do {
        const page = await fetchJson(url + (url.includes("?") ? "&" : "?") + "limit=500" + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
        items.push(...page.items);
        cursor = page.nextCursor;
    } while (cursor && items.length < 5000);
    return items;
}

/** A marker per rebalance and per figure named in fields (navAfter; or leverageBefore and leverageAfter, the breach and its fix). */
async function fetchMarkers(url, fields) {
    return (await fetchAll(url)).flatMap(r => fields.map(field => ({
        t: Date.parse(r.source.blockTime) / 1000, v: Number(r[field].value), exact: r[field].value,
        kind: field === "leverageBefore" ? "before" : "after",
        href: r.page,
        title: `Rebalance ${r.source.blockTime}: ${r.direction} (${r.trigger}), leverage ${r.leverageBefore.value}x → ${r.leverageAfter.value}x, NAV delta ${r.navDelta.value} USD`,
    })));
}

/** A marker per deferred rebalance at the leverage it was left at, linking to its row in the page's deferral list. */
async function fetchDeferrals(url) {
    return (await fetchAll(url)).map(d => ({
        t: Date.parse(d.source.blockTime) / 1000, v: Number(d.leverage.value), exact: d.leverage.value, kind: "deferral",
        href: `#deferral-${d.source.txHash}-${d.source.logIndex}`,
        title: `Rebalance deferred ${d.source.blockTime} (${d.reason}) at leverage ${d.leverage.value}x`,
    }));
}

/**
 * Events a series announces with its points (the indexer's reorgs and undecodable logs), marked on its first line at the
 * point they were first counted, linking to the page's section about them (#reorg, #decode-failure).
 */
function eventMarkers(events, times, ys, exact) {
    return events.map(e => {
        const t = Date.parse(e.time) / 1000;
        const i = Math.max(0, times.findIndex(x => x >= t));
        return { t, v: ys[i] ?? 0, exact: exact[i], kind: e.kind, href: "#" + e.kind, title: e.title };
    });
}

function loadUPlot() {
    if (window.uPlot) return Promise.resolve();
    return new Promise((resolve, reject) => {
        const css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = "lib/uplot/uPlot.min.css";
        document.head.appendChild(css);
        const script = document.createElement("script");
        script.src = "lib/uplot/uPlot.iife.min.js";
        script.onload = resolve;
        script.onerror = () => reject(new Error("uPlot did not load"));
        document.head.appendChild(script);
    });
}

function compact(v) {
    const a = Math.abs(v);
    const [d, s] = a >= 1e9 ? [1e9, "B"] : a >= 1e6 ? [1e6, "M"] : a >= 1e3 ? [1e3, "k"] : [1, ""];
    return +(v / d).toPrecision(4) + s;
}

function bpsToPercent(bps) {
    const digits = bps.padStart(3, "0");
    return `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}

/** Axis labels in UTC: dates for steps of a day or more, hours (with the date at midnight) below. */
function timeTick(ts, step) {
    const iso = new Date(ts * 1000).toISOString();
    if (step >= 28 * 86400) return iso.slice(0, 7);
    if (step >= 86400) return iso.slice(5, 10);
    return iso.slice(11, 13) === "00" ? iso.slice(5, 10) : iso.slice(11, 16);
}

function utc(ts) {
    return new Date(ts * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

function cssVar(name, fallback) {
    return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}
