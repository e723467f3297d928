import Foundation

/// A calendar date without time or time zone, as printed inside identifiers.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Gregorian year, for example 1991.
    public let year: Int
    /// Month 1–12.
    public let month: Int
    /// Day of month 1–31.
    public let day: Int

    /// Creates a date, or `nil` when the day does not exist in the Gregorian calendar
    /// (for example 1997-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Today's date in `timeZone`. Identifiers are issued in China, so the default is
    /// China Standard Time: a birth date that is "today" in Beijing must not be rejected
    /// because the server clock runs in UTC.
    public static func today(in timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        // Calendar always fills these components for the Gregorian calendar.
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(unchecked: 1970, 1, 1)
    }

    /// `yyyy-MM-dd`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders dates chronologically.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

extension CalendarDate {
    /// Parses a date written YYYY-MM-DD; nil unless it is a real Gregorian date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 (negative before), for day arithmetic without Foundation.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// ISO weekday: 1 Monday … 7 Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (ISO 4).
        return (w < 0 ? w + 7 : w) + 1
    }

    /// The Beijing calendar day of an instant: the bureau's day boundaries.
    public init(beijing instant: Date) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        self.init(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// The last instant of this day in Beijing (23:59:59.999).
    public var endOfBeijingDay: Date {
        Date(timeIntervalSince1970: Double((dayNumber + 1) * 86_400 - 8 * 3600) - 0.001)
    }
}
