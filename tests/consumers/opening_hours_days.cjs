// OSM's reference reader of `opening_hours` (the npm package the OSM editors use).
// Reads one JSON object from stdin: {value, state, country, lat, lon, from, days}
// and prints {warnings: [...], days: {"YYYY-MM-DD": ["HH:MM-HH:MM", ...]}} with the
// intervals the library finds open on each local day. Any parse error exits 2 with it.
const OpeningHours = require("opening_hours");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const q = JSON.parse(input);
  const nominatim = {
    lat: q.lat,
    lon: q.lon,
    address: { country_code: q.country || "de", state: q.state },
  };
  let oh;
  try {
    oh = new OpeningHours(q.value, nominatim, { locale: "en", mode: 0 });
  } catch (err) {
    process.stderr.write(String(err));
    process.exit(2);
  }
  const days = {};
  const [y, m, d] = q.from.split("-").map(Number);
  for (let i = 0; i < q.days; i++) {
    // Local midnight to the next midnight (TZ=Europe/Berlin in the environment).
    const start = new Date(y, m - 1, d + i);
    const end = new Date(y, m - 1, d + i + 1);
    const key = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, "0")}-${String(start.getDate()).padStart(2, "0")}`;
    const hhmm = (t) =>
      t.getTime() === end.getTime()
        ? "24:00"
        : `${String(t.getHours()).padStart(2, "0")}:${String(t.getMinutes()).padStart(2, "0")}`;
    days[key] = oh.getOpenIntervals(start, end).map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`);
  }
  process.stdout.write(JSON.stringify({ warnings: oh.getWarnings(), days }));
});
