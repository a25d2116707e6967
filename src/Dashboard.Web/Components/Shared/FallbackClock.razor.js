// Ticks the fallback countdown once a second in the browser. Chain time is taken to run at wall-clock speed from
// the chain now the server read, so the clock needs no server round trip per tick.
export function start(element, dueIso, chainNowIso, compact) {
    // Null when the clock left the page while its module loaded (a click away from the overview): nothing to tick,
    // and throwing here would end the visitor's circuit.
    if (!element) return;
    stop(element);
    const due = Date.parse(dueIso);
    const offset = Date.now() - Date.parse(chainNowIso);
    const text = element.firstChild ?? element.appendChild(document.createTextNode(""));
    const tick = () => {
        const left = due - (Date.now() - offset);
        // The text node Blazor rendered is updated in place, so Blazor's own later updates still find it.
        text.data = left > 0
            ? `in ${duration(left)}` + (compact ? "" : ` (${dueIso}) unless leverage leaves the band first`)
            : compact ? `overdue by ${duration(-left)}` : `due since ${dueIso} (waiting for the keeper), ${duration(-left)} ago`;
    };
    tick();
    element.fallbackTimer = setInterval(tick, 1000);
}

export function stop(element) {
    if (element?.fallbackTimer) clearInterval(element.fallbackTimer);
}

function duration(ms) {
    const s = Math.floor(ms / 1000);
    const [d, h, m, sec] = [Math.floor(s / 86400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60];
    const pad = n => String(n).padStart(2, "0");
    return (d > 0 ? `${d}d ` : "") + `${h}h ${pad(m)}m ${pad(sec)}s`;
}
