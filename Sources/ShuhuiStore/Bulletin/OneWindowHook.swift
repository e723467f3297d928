import ShuhuiCore

extension Store {
    /// Section 三 (“一窗受理”平台应用情况) and 附件 6 of the bulletin for `period`, from the
    /// one-window records as they stand on the period's last day: cases received, accepted and
    /// completed (cumulative and in the period), TOP-100 matters joined, self-built systems
    /// joined with the laggards named, and 附件 6 per department. Nil when the platform holds
    /// no matters, joins or cases, which leaves section 三 and 附件 6 out.
    public func oneWindowSection(for period: ReportPeriod, language: Language) async throws -> OneWindowSection? {
        let asOf = period.end
        let summary = try await oneWindowSummary(asOf: asOf)
        let systems = try await systemJoinReport(asOf: asOf)
        let top = try await topMatterJoinReport(asOf: asOf)
        let inPeriod = try await caseCounts(by: .unit, from: period.start, through: asOf, now: asOf.endOfBeijingDay).total
        guard summary.matters.planned > 0 || systems.total.planned > 0 || summary.cases.received > 0 else { return nil }
        func t(_ key: String, _ values: [String: String] = [:]) -> String { Strings.format(key, values).text(language) }
        let date = language == .zh ? ReportPeriod.chinese(asOf) : asOf.description
        var blocks = [BulletinBlock(.paragraph, t("bulletin.ow.cases", [
            "date": date, "received": String(summary.cases.received), "accepted": String(summary.cases.accepted),
            "completed": String(summary.cases.completed), "week": String(inPeriod.received),
        ]))]
        if top.total.planned > 0 {
            blocks.append(BulletinBlock(.subheading, t("bulletin.ow.top100.heading")))
            blocks.append(BulletinBlock(.paragraph, t("bulletin.ow.top100", [
                "planned": String(top.total.planned), "joined": String(top.total.joined),
                "waiting": String(top.total.planned - top.total.joined), "rate": top.total.rate.formatted(),
            ])))
        }
        if systems.total.planned > 0 {
            blocks.append(BulletinBlock(.subheading, t("bulletin.ow.systems.heading")))
            blocks.append(BulletinBlock(.paragraph, t("bulletin.ow.systems", [
                "planned": String(systems.total.planned), "joined": String(systems.total.joined), "rate": systems.total.rate.formatted(),
                "municipal": String(systems.municipal.joined), "municipalRate": systems.municipal.rate.formatted(),
                "districts": String(systems.districts.joined), "districtRate": systems.districts.rate.formatted(),
            ]) + (systems.laggards.isEmpty ? "" : systems.laggardText.text(language))))
        }
        var attachment: AttachmentTable?
        if top.total.planned > 0 {
            let rows = top.rows.map { [String($0.rank), $0.name, String($0.planned), String($0.joined), $0.rate.formatted()] }
                + [[t("ow.total"), "", String(top.total.planned), String(top.total.joined), top.total.rate.formatted()]]
            attachment = AttachmentTable(number: 0, title: t("bulletin.ow.attachment"),
                                         header: ["bulletin.col.no", "bulletin.col.unit", "bulletin.ow.col.confirmed", "bulletin.ow.col.joined", "bulletin.ow.col.rate"].map { t($0) },
                                         rows: rows)
        }
        return OneWindowSection(blocks: blocks, attachment: attachment)
    }
}
