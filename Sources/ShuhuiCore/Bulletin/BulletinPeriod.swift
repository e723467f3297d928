import Foundation

/// What a report covers: a bulletin week or a calendar month.
public enum ReportKind: String, Sendable, Codable, CaseIterable {
    /// 每周通报: Saturday through Friday.
    case weekly
    /// 月报: a calendar month.
    case monthly
}

/// The days a report covers, in the bureau's calendar (Asia/Shanghai).
///
/// A bulletin week ends on a Friday and starts on the Saturday before it: the seed dated
/// 2018-05-18 covers Sat 2018-05-12 … Fri 2018-05-18. An instant belongs to the Beijing
/// calendar day it falls on, so 23:59:59 on Friday is in the week and 00:00:00 on Saturday
/// is in the next one.
public struct ReportPeriod: Sendable, Hashable {
    /// Weekly or monthly.
    public let kind: ReportKind
    /// First day covered.
    public let start: CalendarDate
    /// Last day covered (a Friday for weekly reports, the month's last day for monthly ones).
    public let end: CalendarDate

    /// The bulletin week ending on `friday`; nil when the date is not a Friday.
    public static func week(ending friday: CalendarDate) -> ReportPeriod? {
        guard friday.weekday == 5 else { return nil }
        return ReportPeriod(kind: .weekly, start: friday.adding(days: -6), end: friday)
    }

    /// The bulletin week holding `day` (it ends on the Friday on or after `day`).
    public static func week(containing day: CalendarDate) -> ReportPeriod {
        let ahead = (5 - day.weekday + 7) % 7
        let friday = day.adding(days: ahead)
        return ReportPeriod(kind: .weekly, start: friday.adding(days: -6), end: friday)
    }

    /// The calendar month holding `day`.
    public static func month(containing day: CalendarDate) -> ReportPeriod {
        let first = CalendarDate(year: day.year, month: day.month, day: 1) ?? day
        let last = CalendarDate(year: day.year, month: day.month, day: CalendarDate.daysIn(month: day.month, year: day.year)) ?? day
        return ReportPeriod(kind: .monthly, start: first, end: last)
    }

    /// The period of `kind` ending on `end`; nil when `end` cannot end such a period
    /// (weekly: not a Friday; monthly: not a month's last day).
    public static func ending(_ end: CalendarDate, kind: ReportKind) -> ReportPeriod? {
        switch kind {
        case .weekly: return week(ending: end)
        case .monthly:
            let m = month(containing: end)
            return m.end == end ? m : nil
        }
    }

    /// Number of days covered (7 for a week), the divisor of the daily averages.
    public var dayCount: Int { end.dayNumber - start.dayNumber + 1 }

    /// Every day covered, in order.
    public var days: [CalendarDate] { (0..<dayCount).map { start.adding(days: $0) } }

    /// Whether `day` is covered.
    public func contains(_ day: CalendarDate) -> Bool { start <= day && day <= end }

    /// Whether the instant falls on a covered Beijing calendar day.
    public func contains(instant: Date) -> Bool { contains(CalendarDate(beijing: instant)) }

    /// The period of the same kind just before this one.
    public var previous: ReportPeriod {
        switch kind {
        case .weekly: return ReportPeriod(kind: .weekly, start: start.adding(days: -7), end: end.adding(days: -7))
        case .monthly: return ReportPeriod.month(containing: start.adding(days: -1))
        }
    }

    /// `2018年5月18日`, as the bulletin prints dates.
    public static func chinese(_ day: CalendarDate) -> String { "\(day.year)年\(day.month)月\(day.day)日" }

    /// `5月18日`, as the sentences print the cut-off date.
    public static func chineseShort(_ day: CalendarDate) -> String { "\(day.month)月\(day.day)日" }
}
