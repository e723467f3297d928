import Foundation

/// The bureau's working-day calendar: Monday to Friday, minus public holidays, plus the
/// weekend days worked in exchange (调休). Approval clocks run on it.
public struct WorkingCalendar: Sendable, Equatable {
    /// Weekdays that are days off.
    public var holidays: Set<CalendarDate>
    /// Weekend days that are worked.
    public var workdays: Set<CalendarDate>

    /// Creates a calendar; with no exceptions it is the plain Monday–Friday week.
    public init(holidays: Set<CalendarDate> = [], workdays: Set<CalendarDate> = []) {
        self.holidays = holidays
        self.workdays = workdays
    }

    /// Whether the bureau works on `day`.
    public func isWorkingDay(_ day: CalendarDate) -> Bool {
        if workdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return day.weekday <= 5
    }

    /// The `n`th working day after `day` (not counting `day` itself): a request received on
    /// any day has "5 working days" until the end of the fifth working day that follows.
    public func workingDay(_ n: Int, after day: CalendarDate) -> CalendarDate {
        var d = day, left = max(n, 0)
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// Working days strictly after `start` up to and including `end` (0 when `end` is not later).
    public func workingDays(after start: CalendarDate, through end: CalendarDate) -> Int {
        guard end > start else { return 0 }
        var n = 0, d = start.adding(days: 1)
        while d <= end {
            if isWorkingDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }
}
