import Foundation
import ShuhuiCore

extension Store {
    /// The drafts the calendar calls for at `now` (Beijing): on a Friday, the week ending that
    /// day; on the first day of a month, the month before. Existing bulletins are left alone,
    /// so calling this every minute generates each draft once.
    ///
    /// - Returns: the drafts generated.
    @discardableResult
    public func generateScheduledDrafts(now: Date = Date()) async throws -> [BulletinRecord] {
        let today = CalendarDate(beijing: now)
        var due: [ReportPeriod] = []
        if let week = ReportPeriod.week(ending: today) { due.append(week) }
        if today.day == 1 { due.append(ReportPeriod.month(containing: today.adding(days: -1))) }
        var made: [BulletinRecord] = []
        for period in due where try await bulletin(kind: period.kind, end: period.end) == nil {
            made.append(try await generateBulletin(period, by: nil, actorName: Strings["bulletin.scheduler"].zh))
        }
        return made
    }
}
