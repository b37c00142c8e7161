// Parses a feed with ical.js (the parser inside Thunderbird) and compares what it reads with
// expected.json; with "-" instead of an expectation file, checks only that every VEVENT reads
// with a zoned or all-day start and a summary. Exit 0 on success, 1 on any difference.
// usage: node check_icaljs.mjs MODULES_DIR FEED.ics EXPECTED.json|-
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [modulesDir, feedPath, expectedPath] = process.argv.slice(2);
const require = createRequire(join(resolve(modulesDir), 'node_modules', 'resolver.cjs'));
const ICAL = require('ical.js');

const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

const text = readFileSync(feedPath, 'utf8');
const calendar = new ICAL.Component(ICAL.parse(text));
const zones = calendar.getAllSubcomponents('vtimezone');
check(zones.length <= 1, `expected at most one VTIMEZONE, got ${zones.length}`);
// Times are read through the feed's own VTIMEZONE, as Thunderbird does.
for (const zone of zones) ICAL.TimezoneService.register(zone);

const read = calendar.getAllSubcomponents('vevent').map((component) => {
  const event = new ICAL.Event(component);
  const allDay = event.startDate.isDate;
  const instant = (time) => {
    if (time.isDate) return time.toString();
    check(time.zone !== ICAL.Timezone.localTimezone,
          `${event.uid}: floating time ${time.toString()}`);
    return time.toJSDate().toISOString().replace('.000Z', 'Z');
  };
  let count = 1;
  if (event.isRecurring()) {
    count = 0;
    const iterator = event.iterator();
    while (iterator.next() && count < 1000) ++count;
  }
  return {
    uid: event.uid, summary: event.summary, all_day: allDay,
    start: instant(event.startDate), end: instant(event.endDate), count,
    status: component.getFirstPropertyValue('status'),
  };
});
check(read.length === (text.match(/^BEGIN:VEVENT\r$/gm) || []).length,
      'not every VEVENT block was read');

if (expectedPath === '-') {
  for (const event of read) {
    check(event.summary && event.summary.length > 0, `${event.uid}: no summary`);
    check(event.start && event.end, `${event.uid}: no start or end`);
  }
} else {
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
  check(calendar.getFirstPropertyValue('x-wr-calname') === expected.calendar_name,
        `calendar name ${calendar.getFirstPropertyValue('x-wr-calname')}`);
  check(read.length === expected.events.length,
        `expected ${expected.events.length} events, read ${read.length}`);
  const byUid = new Map(read.map((event) => [event.uid, event]));
  for (const want of expected.events) {
    const got = byUid.get(want.uid);
    if (!got) { failures.push(`${want.uid}: missing`); continue; }
    for (const field of ['summary', 'all_day', 'start', 'end', 'count']) {
      check(got[field] === want[field],
            `${want.uid}: ${field} is ${JSON.stringify(got[field])}, expected ${JSON.stringify(want[field])}`);
    }
    if (want.status) check(got.status === want.status, `${want.uid}: status ${got.status}`);
  }
}

if (failures.length > 0) {
  console.error(`ical.js ${feedPath}:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`ical.js read ${read.length} events from ${feedPath} as expected`);
