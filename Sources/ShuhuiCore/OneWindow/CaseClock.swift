import Foundation

/// The promised-time clock of a case (承诺办结时限), in working days on the bureau's calendar
/// (``WorkingCalendar``, the same one the sharing approvals use).
///
/// The clock starts on the day of acceptance (受理): "N working days" ends with the Nth
/// working day after that day, as with the approval steps. While the case waits for
/// correction (补正) the clock is stopped: the working days after the day the correction was
/// asked for, through the day the materials came back, do not count.
public struct CaseClock: Sendable, Equatable {
    /// One stop of the clock: asked on `from`, resumed on `to` (nil while still stopped).
    public struct Pause: Sendable, Equatable {
        /// The day correction was asked for.
        public var from: CalendarDate
        /// The day the materials came back; nil while waiting.
        public var to: CalendarDate?

        /// Creates a pause.
        public init(from: CalendarDate, to: CalendarDate? = nil) {
            self.from = from
            self.to = to
        }

        func covers(_ day: CalendarDate) -> Bool { day > from && (to.map { day <= $0 } ?? true) }
    }

    /// The day of acceptance.
    public var acceptedOn: CalendarDate
    /// 承诺办结时限 in working days.
    public var promisedDays: Int
    /// Stops, in order.
    public var pauses: [Pause]
    /// The day the case ended (办结 or another exit), which stops the clock for good.
    public var endedOn: CalendarDate?

    /// Starts a clock on the day of acceptance.
    public init(acceptedOn: CalendarDate, promisedDays: Int, pauses: [Pause] = [], endedOn: CalendarDate? = nil) {
        self.acceptedOn = acceptedOn
        self.promisedDays = promisedDays
        self.pauses = pauses
        self.endedOn = endedOn
    }

    /// Whether the clock is stopped for correction now.
    public var isPaused: Bool { pauses.last.map { $0.to == nil } ?? false }

    /// Stops the clock on `day` (no-op when already stopped).
    public mutating func pause(on day: CalendarDate) {
        if !isPaused { pauses.append(Pause(from: day)) }
    }

    /// Restarts the clock on `day` (no-op when running).
    public mutating func resume(on day: CalendarDate) {
        if isPaused { pauses[pauses.count - 1].to = max(day, pauses[pauses.count - 1].from) }
    }

    /// Whether `day` counts on the clock: a working day after acceptance, not inside a pause.
    func counts(_ day: CalendarDate, _ calendar: WorkingCalendar) -> Bool {
        day > acceptedOn && calendar.isWorkingDay(day) && !pauses.contains { $0.covers(day) }
    }

    /// Working days used through `day` (or through the end, when earlier).
    public func elapsed(through day: CalendarDate, calendar: WorkingCalendar) -> Int {
        let last = min(day, endedOn ?? day)
        guard last > acceptedOn else { return 0 }
        var n = 0, d = acceptedOn.adding(days: 1)
        while d <= last {
            if counts(d, calendar) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }

    /// The last day to finish on: the `promisedDays`th counted day. Nil while stopped (the
    /// due day moves with the pause) and for a clock of zero days (nothing promised).
    public func due(calendar: WorkingCalendar) -> CalendarDate? {
        guard promisedDays > 0, !isPaused else { return nil }
        var n = 0, d = acceptedOn
        // Bounded: a promise is at most 3650 working days; stop after 20 years of calendar.
        for _ in 0..<(366 * 20) {
            d = d.adding(days: 1)
            if counts(d, calendar) {
                n += 1
                if n == promisedDays { return d }
            }
        }
        return nil
    }

    /// Working days left at `today` (negative when overdue; nil when nothing is promised).
    public func remaining(at today: CalendarDate, calendar: WorkingCalendar) -> Int? {
        guard promisedDays > 0 else { return nil }
        return promisedDays - elapsed(through: today, calendar: calendar)
    }

    /// Overdue (超期): more working days used than promised, by `today` or by the end.
    public func isOverdue(at today: CalendarDate, calendar: WorkingCalendar) -> Bool {
        guard promisedDays > 0 else { return false }
        return elapsed(through: today, calendar: calendar) > promisedDays
    }
}

extension CaseClock: Codable {
    private enum CodingKeys: String, CodingKey { case acceptedOn, promisedDays, pauses, endedOn }
    private struct StoredPause: Codable { var from: String; var to: String? }

    /// Decodes days written `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func day(_ text: String, _ key: CodingKeys) throws -> CalendarDate {
            guard let d = CalendarDate(iso: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a date: \(text)")
            }
            return d
        }
        self.init(acceptedOn: try day(try c.decode(String.self, forKey: .acceptedOn), .acceptedOn),
                  promisedDays: try c.decode(Int.self, forKey: .promisedDays))
        for p in try c.decodeIfPresent([StoredPause].self, forKey: .pauses) ?? [] {
            pauses.append(Pause(from: try day(p.from, .pauses), to: try p.to.map { try day($0, .pauses) }))
        }
        endedOn = try c.decodeIfPresent(String.self, forKey: .endedOn).map { try day($0, .endedOn) }
    }

    /// Encodes days as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(acceptedOn.description, forKey: .acceptedOn)
        try c.encode(promisedDays, forKey: .promisedDays)
        try c.encode(pauses.map { StoredPause(from: $0.from.description, to: $0.to?.description) }, forKey: .pauses)
        try c.encodeIfPresent(endedOn?.description, forKey: .endedOn)
    }
}
