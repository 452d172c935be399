// Mozilla's ical.js (Thunderbird's calendar engine) reads a calendar from stdin and
// prints every VEVENT with its start and end as UTC instants, as Thunderbird would
// place them. The VTIMEZONEs in the file are registered first, as Thunderbird does.
import ICAL from "ical.js";

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const root = new ICAL.Component(ICAL.parse(input));
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  const utc = (t) => (t ? t.toJSDate().toISOString().replace(".000Z", "Z") : null);
  const events = root.getAllSubcomponents("vevent").map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      status: c.getFirstPropertyValue("status"),
      sequence: c.getFirstPropertyValue("sequence"),
      start: e.startDate.isDate ? e.startDate.toString() : utc(e.startDate),
      end: e.endDate.isDate ? e.endDate.toString() : utc(e.endDate),
    };
  });
  process.stdout.write(
    JSON.stringify({ method: root.getFirstPropertyValue("method"), events }),
  );
});
