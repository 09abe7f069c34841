import { describe, expect, it } from "vitest";
import { closedMessage, isWithinBusinessHours, nextOpening, wallClock, type BusinessHours } from "./business-hours";

const weekdays9to17 = { open: "09:00", close: "17:00" };
const berlin: BusinessHours = {
  enabled: true,
  timezone: "Europe/Berlin",
  days: { mon: weekdays9to17, tue: weekdays9to17, wed: weekdays9to17, thu: weekdays9to17, fri: weekdays9to17, sat: null, sun: null },
};

describe("wallClock", () => {
  it("reads the weekday and time in the time zone, on both sides of a daylight-saving change", () => {
    // Berlin is UTC+1 in winter and UTC+2 in summer (the change was on Sunday 29 March 2026).
    expect(wallClock(new Date("2026-03-27T08:30:00Z"), "Europe/Berlin")).toEqual({ day: "fri", time: "09:30" });
    expect(wallClock(new Date("2026-03-30T07:30:00Z"), "Europe/Berlin")).toEqual({ day: "mon", time: "09:30" });
    expect(wallClock(new Date("2026-03-30T23:30:00Z"), "Europe/Berlin")).toEqual({ day: "tue", time: "01:30" });
    expect(wallClock(new Date("2026-03-30T00:00:00Z"), "UTC")).toEqual({ day: "mon", time: "00:00" });
  });
});

describe("isWithinBusinessHours", () => {
  it("is always open when business hours are off", () => {
    expect(isWithinBusinessHours({ ...berlin, enabled: false }, new Date("2026-03-29T03:00:00Z"))).toBe(true);
  });

  it("opens at the opening time and closes at the closing time, in local time across DST", () => {
    // Monday 30 March 2026 (summer time, UTC+2): 09:00 Berlin is 07:00 UTC.
    expect(isWithinBusinessHours(berlin, new Date("2026-03-30T06:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, new Date("2026-03-30T07:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, new Date("2026-03-30T14:59:00Z"))).toBe(true);
    expect(isWithinBusinessHours(berlin, new Date("2026-03-30T15:00:00Z"))).toBe(false);
    // Friday 27 March (winter time, UTC+1): 09:00 Berlin is 08:00 UTC.
    expect(isWithinBusinessHours(berlin, new Date("2026-03-27T07:30:00Z"))).toBe(false);
    expect(isWithinBusinessHours(berlin, new Date("2026-03-27T08:00:00Z"))).toBe(true);
  });

  it("is closed on a closed day", () => {
    expect(isWithinBusinessHours(berlin, new Date("2026-03-28T10:00:00Z"))).toBe(false);
  });
});

describe("nextOpening and closedMessage", () => {
  it("says today before opening, tomorrow after closing, and the weekday over a weekend", () => {
    expect(nextOpening(berlin, new Date("2026-03-30T05:00:00Z"))).toEqual({ when: "today", time: "09:00" });
    expect(nextOpening(berlin, new Date("2026-03-30T16:00:00Z"))).toEqual({ when: "tomorrow", time: "09:00" });
    expect(closedMessage(berlin, new Date("2026-03-28T10:00:00Z"))).toBe("Our team is back Monday at 09:00 (Europe/Berlin).");
  });

  it("counts Sunday evening as the day before Monday", () => {
    expect(closedMessage(berlin, new Date("2026-03-29T20:00:00Z"))).toBe("Our team is back tomorrow at 09:00 (Europe/Berlin).");
  });

  it("finds the same weekday next week when it is the only open day", () => {
    const mondaysOnly: BusinessHours = { ...berlin, days: { ...berlin.days, tue: null, wed: null, thu: null, fri: null } };
    expect(closedMessage(mondaysOnly, new Date("2026-03-30T16:00:00Z"))).toBe("Our team is back Monday at 09:00 (Europe/Berlin).");
  });

  it("says the team is away when no day is open", () => {
    const never: BusinessHours = { ...berlin, days: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null } };
    expect(nextOpening(never, new Date())).toBeNull();
    expect(closedMessage(never, new Date())).toBe("Our team is away at the moment.");
  });
});
